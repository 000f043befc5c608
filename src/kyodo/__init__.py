"""kyodo (協働): the community-collaboration programme of a Japanese municipality."""

"""Support for communities: liaison staff, staff dispatch, support-centre consultations."""

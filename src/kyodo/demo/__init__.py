"""Demo mode: Ichinoseki's plan, its communities and fictional people, and the demo accounts."""

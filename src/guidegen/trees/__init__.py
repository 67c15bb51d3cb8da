"""Decision trees: their YAML format, checks, plain text, diagrams and route booklets."""

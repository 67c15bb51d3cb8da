"""The content: YAML records read safely, checked, and held as one knowledge base."""

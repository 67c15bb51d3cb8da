"""The offline workshop bundle for trainers."""

"""The handbook's pages as MyST text, their addresses, search words and feed."""

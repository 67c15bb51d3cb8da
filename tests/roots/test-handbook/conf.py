project = "Testhandboek"
language = "nl"
extensions = ["guidegen.sphinx"]
html_theme = "guidegen"
exclude_patterns = ["content"]

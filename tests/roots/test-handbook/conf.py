project = "Testhandboek"
language = "nl"
extensions = ["guidegen.sphinx"]
html_theme = "guidegen"
exclude_patterns = ["content"]
# Printing the route booklets (WeasyPrint) is a third of this handbook's build: the
# tests of the booklets and of the trainers page turn them on.
guidegen_booklets = False

"""``guidegen serve``: the built handbook plus guideline generation, for an intranet.

:mod:`.making` turns one uploaded profile into one document (checked like
``guidegen generate``, in a temporary folder); :mod:`.limits` bounds what a request
may cost; :mod:`.answers` words every refusal in Dutch; :mod:`.site` serves the
handbook's files; :mod:`.app` puts them together as a Starlette application.
"""

"""What forms share, apart from the web: fields, validators and the one error-message catalogue.

The service definitions (app/services) build their steps from these, so they never import the
web layer; the web's own forms are in app/web/forms.
"""

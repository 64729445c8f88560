"""WTForms forms of the web layer; every one renders through templates/components/forms.html."""

"""The domain: rules of the portal that do not depend on the web layer."""

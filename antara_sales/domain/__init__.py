"""Pure rules of P/SMM/KOM/001: no Frappe imports, so unit tests reach them without a site."""

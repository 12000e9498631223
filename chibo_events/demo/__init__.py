"""The demo book th-ky-tho and its users: `book` is pure data, `load` writes it through the store.

Nothing is imported here, so reading the data never loads the store.
"""

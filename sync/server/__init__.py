"""The central sync server: FastAPI app factory, persistence, auth, routes and admin CLI.

Only this package imports FastAPI and SQLAlchemy; the client end needs requests + pydantic.
"""

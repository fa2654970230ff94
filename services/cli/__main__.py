"""Lets ``python -m services.cli`` run the ``conductor`` command."""

from services.cli.main import main

main()

"""Unit tests of the prober service."""

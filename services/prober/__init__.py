"""Prober service: TCP-checks every monitored port and keeps its health state."""

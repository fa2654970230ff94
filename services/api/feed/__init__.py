"""The live feed: Conductor's events relayed to browsers over one WebSocket each."""

"""Who is calling the gateway, what they may do, and the audit of what they were refused."""

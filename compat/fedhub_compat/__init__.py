"""Helpers of the compatibility suite: network set-up through the UserClient and a node runner."""

"""Why the scaler refuses a command; each refusal names its error code for the gateway."""

from __future__ import annotations

from shared.messages import ErrorCode

__all__ = (
    "BaseMissing",
    "CommandExpired",
    "NotAScalingPort",
    "OutOfRange",
    "PortExists",
    "PortNotFound",
    "ScalerRefusal",
)


class ScalerRefusal(Exception):
    """A command the scaler will not apply; nothing was written but its audit entry."""

    code: ErrorCode = ErrorCode.INVALID

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class OutOfRange(ScalerRefusal):
    code = ErrorCode.OUT_OF_RANGE


class NotAScalingPort(ScalerRefusal):
    code = ErrorCode.NOT_SCALING_PORT


class PortExists(ScalerRefusal):
    code = ErrorCode.EXISTS


class BaseMissing(ScalerRefusal):
    code = ErrorCode.BASE_MISSING


class PortNotFound(ScalerRefusal):
    code = ErrorCode.NOT_FOUND


class CommandExpired(ScalerRefusal):
    code = ErrorCode.EXPIRED

"""JSON log lines, one object per record, for log shippers."""

import json
import logging
from contextvars import ContextVar

# The id of the request being served (set by posyantek.middleware.RequestLogMiddleware).
request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
_base_factory = logging.getLogRecordFactory()


def _record_with_request_id(*args, **kwargs) -> logging.LogRecord:
    """Every record remembers the request it was written in (formatting may happen later)."""
    record = _base_factory(*args, **kwargs)
    request_id = request_id_var.get()
    if request_id is not None:
        record.request_id = request_id
    return record


if getattr(_base_factory, "__name__", "") != _record_with_request_id.__name__:
    logging.setLogRecordFactory(_record_with_request_id)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        data.update({k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")})
        if "request_id" not in data and getattr(getattr(record, "request", None), "request_id", None):
            # Django logs 4xx/5xx answers after the middleware has returned; the request still knows its id.
            data["request_id"] = record.request.request_id
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, default=str, ensure_ascii=False)

"""The roster import's query and answers as marshmallow schemas: what roster_api parses and openapi.py describes."""

from marshmallow import fields

from .api_schemas import Answer
from .params import Query


class ImportQuery(Query):
    dry_run = fields.Boolean(load_default=False, metadata={
        "description": "1: chỉ kiểm tra, trả về từng dòng với mã đảng viên và lỗi của nó; không ghi gì."})


class ImportedRow(Answer):
    row = fields.Integer(required=True, metadata={"description": "Số dòng trong tệp (dòng tiêu đề là dòng 1)."})
    member_id = fields.String(required=True, allow_none=True, metadata={
        "description": "Mã đảng viên sẽ được ghi, làm từ họ tên (thêm số khi trùng); null khi tên không làm được mã."})
    full_name = fields.String(required=True)
    errors = fields.List(fields.String(), required=True, metadata={"description": "Lỗi của dòng, tiếng Việt."})


class ImportedRows(Answer):
    rows = fields.List(fields.Nested(ImportedRow), required=True)

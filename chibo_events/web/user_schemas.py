"""The bodies of /users, /tokens and /me as marshmallow schemas: what the views load and openapi.py describes."""

from marshmallow import RAISE, Schema, fields, validate

from ..access import ROLES
from ..catalogue import Slug
from .api_schemas import Answer, Task

MAX_PASSWORD = 200
Role = fields.String(validate=validate.OneOf(ROLES, error=f"Phải là một trong: {', '.join(ROLES)}."))


def _password(**kwargs) -> fields.String:
    return fields.String(validate=validate.Length(max=MAX_PASSWORD, error="Dài quá {max} ký tự."), **kwargs)


class MemberLink(Schema):
    class Meta:
        unknown = RAISE

    cell = Slug(required=True)
    member_id = Slug(required=True)


class NewUser(Schema):
    class Meta:
        unknown = RAISE

    username = fields.String(required=True, validate=validate.Length(max=64))
    role = fields.String(required=True, validate=Role.validate)
    cells = fields.List(Slug(), load_default=list, validate=validate.Length(max=100))
    member = fields.Nested(MemberLink, allow_none=True, load_default=None)
    password = _password(metadata={"description": "Bỏ trống: máy tạo một mật khẩu, trả về một lần."})


class UserChange(Schema):
    class Meta:
        unknown = RAISE

    disabled = fields.Boolean(metadata={"description": "true: khóa, mọi phiên và token hết hiệu lực ngay."})
    password = _password()
    role = fields.String(validate=Role.validate)
    cells = fields.List(Slug(), validate=validate.Length(max=100))
    member = fields.Nested(MemberLink, allow_none=True, metadata={"description": "null: bỏ liên kết."})


class LinkedMember(Answer):
    cell = fields.String(required=True)
    member_id = fields.String(required=True)
    full_name = fields.String(required=True, allow_none=True)


class User(Answer):
    username = fields.String(required=True)
    role = fields.String(required=True)
    cells = fields.List(fields.String(), required=True)
    member = fields.Nested(LinkedMember, required=True, allow_none=True)
    disabled = fields.Boolean(required=True)


class AddedUser(User):
    password = fields.String(metadata={"description": "Mật khẩu máy tạo, chỉ trả về lần này."})


class TokenInfo(Answer):
    token_id = fields.String(required=True)
    created_at = fields.String(required=True)
    last_used_at = fields.String(required=True, allow_none=True)


class IssuedToken(Answer):
    token_id = fields.String(required=True)
    token = fields.String(required=True, metadata={"description": "Chỉ trả về lần này; máy chủ chỉ giữ SHA-256."})
    created_at = fields.String(required=True)


class Me(Answer):
    username = fields.String(required=True)
    role = fields.String(required=True)
    cells = fields.List(fields.String(), required=True)
    member = fields.Nested(LinkedMember, required=True, allow_none=True)
    open_tasks = fields.List(fields.Nested(Task), required=True)

"""Column helpers shared by the model modules."""

from __future__ import annotations

import uuid
from enum import Enum as PyEnum
from typing import Any

from sqlalchemy import Enum, ForeignKey, Uuid
from sqlalchemy.orm import MappedColumn, mapped_column


def enum_column(enum_cls: type[PyEnum], **kwargs: Any) -> MappedColumn[Any]:
    """Store an enum by its stable code (not its Python name), as VARCHAR on every backend."""
    return mapped_column(
        Enum(
            enum_cls,
            native_enum=False,
            create_constraint=False,
            length=32,
            values_callable=lambda e: [m.value for m in e],
            validate_strings=True,
        ),
        **kwargs,
    )


def fk(target: str, *, nullable: bool = False, index: bool = True) -> MappedColumn[Any]:
    return mapped_column(Uuid, ForeignKey(target), nullable=nullable, index=index)


def new_id() -> uuid.UUID:
    return uuid.uuid4()

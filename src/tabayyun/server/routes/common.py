"""What every router shares: the dependencies and the paging parameters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from tabayyun.server.audit import Actor
from tabayyun.server.auth import context, current_actor
from tabayyun.server.services import MAX_PER_PAGE, ServerContext

Ctx = Annotated[ServerContext, Depends(context)]
Who = Annotated[Actor, Depends(current_actor)]
PageNo = Annotated[int, Query(ge=1, description="Page number, from 1.")]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="Items per page.")]

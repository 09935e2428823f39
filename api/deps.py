"""What routes receive through FastAPI's dependencies: the store opened at start-up, the settings.

They are ``async def`` although they wait for nothing: FastAPI runs a plain ``def`` dependency in
a worker thread, a hop that was 18 % of a SPARQL point lookup's time in the web process."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.settings import Settings
from graph.store import Store


async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]

"""The learner model's dataclasses as JSON and back (what ``MasteryFit`` and ``MasteryState`` hold).

The core stays framework-free; this is the one place that knows how its frozen dataclasses are
stored. Knowledge points are keyed by their code (text), as the item bank keeps them.
"""

from __future__ import annotations

from dataclasses import asdict
from types import MappingProxyType
from typing import Any

from zuoye.core.mastery import BKTModel, RecordConfig, RecordModel, SkillParams, SkillState, StateConfig, StudentState


def model_to_data(model: BKTModel | RecordModel) -> dict[str, Any]:
    bkt = model.bkt if isinstance(model, RecordModel) else model
    data: dict[str, Any] = {
        "kind": "record" if isinstance(model, RecordModel) else "bkt",
        "bkt": {"params": {str(k): asdict(v) for k, v in bkt.params.items()}, "default": asdict(bkt.default),
                "iterations": bkt.iterations, "log_likelihood": bkt.log_likelihood, "base_rate": bkt.base_rate,
                "state_config": asdict(bkt.state_config)},
    }
    if isinstance(model, RecordModel):
        data.update(weights=list(model.weights), skill_rates={str(k): v for k, v in model.skill_rates.items()},
                    config=asdict(model.config))
    return data


def model_from_data(data: dict[str, Any]) -> BKTModel | RecordModel:
    b = data["bkt"]
    bkt = BKTModel(params=MappingProxyType({k: SkillParams(**v) for k, v in b["params"].items()}),
                   default=SkillParams(**b["default"]), iterations=b["iterations"],
                   log_likelihood=b["log_likelihood"], base_rate=b["base_rate"],
                   state_config=StateConfig(**b["state_config"]))
    if data["kind"] == "bkt":
        return bkt
    return RecordModel(bkt=bkt, weights=tuple(data["weights"]), skill_rates=MappingProxyType(data["skill_rates"]),
                       config=RecordConfig(**data["config"]))


def state_to_data(state: StudentState) -> dict[str, Any]:
    return {"attempts": state.attempts, "right": state.right, "recency": state.recency, "surprise": state.surprise,
            "skills": {str(k): [s.p_known, s.attempts, s.right, [int(r) for r in s.recent]]
                       for k, s in state.skills.items()}}


def state_from_data(data: dict[str, Any]) -> StudentState:
    skills = {k: SkillState(p_known=v[0], attempts=v[1], right=v[2], recent=tuple(bool(r) for r in v[3]))
              for k, v in data.get("skills", {}).items()}
    return StudentState(attempts=data.get("attempts", 0), right=data.get("right", 0), recency=data.get("recency"),
                        surprise=data.get("surprise", 0.0), skills=MappingProxyType(skills))

"""Mastery: cold start until fitted, online updates from the listener, fitted parameters stored."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from zuoye.core.mastery.levels import NO_DATA_NAME
from zuoye.learning.mastery_store import model_from_data, model_to_data, state_from_data, state_to_data
from zuoye.learning.models import MasteryFit, MasteryState, PointParams
from zuoye.learning.selectors import mastery_for
from zuoye.learning.services.mastery import COLD_START, mastery_fit
from zuoye.learning.tests.helpers import published, record
from zuoye.itembank.tests.bank import small_bank

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 2)


def test_a_student_with_no_responses_has_no_level_and_the_page_data_says_cold_start(county):
    assert mastery_for(student_id=county.student_zhang.pk, subjects=[county.math]) == []
    assert MasteryState.objects.count() == 0


def test_results_update_the_state_online_with_cold_start_defaults_until_a_fit(
        county, django_capture_on_commit_callbacks):
    bank = small_bank(per_template=2)
    hw = published(county, bank[:3], day=DAY)
    with django_capture_on_commit_callbacks(execute=True):
        record(hw, county.student_zhang, ["right", "wrong", "right"])
    state = MasteryState.objects.get(student=county.student_zhang, subject=county.math)
    assert state.fit is None  # cold start: the core's textbook defaults
    assert state.state["attempts"] == sum(len(i.knowledge_points.all()) for i in bank[:3])
    levels = mastery_for(student_id=county.student_zhang.pk, subjects=[county.math])[0]
    assert not levels.fitted
    for point in levels.points:
        assert point.name != NO_DATA_NAME and "作答还少" in point.explanation  # tentative on one response


def test_the_fit_stores_parameters_per_point_and_refreshes_every_state(county, django_capture_on_commit_callbacks):
    bank = small_bank(per_template=6)
    for n in range(6):
        hw = published(county, [bank[n], bank[6 + n], bank[12 + n]], day=DAY + timedelta(days=n))
        with django_capture_on_commit_callbacks(execute=True):
            record(hw, county.student_zhang, ["wrong" if n < 2 else "right", "right", "wrong"])
    fit = mastery_fit(subject_id=county.math.pk)
    assert fit.n_responses >= 18 and fit.n_students == 1
    assert PointParams.objects.filter(fit=fit).count() == fit.n_points > 0
    state = MasteryState.objects.get(student=county.student_zhang, subject=county.math)
    assert state.fit_id == fit.pk
    names = {v["name"] for v in state.levels.values()}
    assert names <= {"未掌握", "初步掌握", "基本掌握", "熟练掌握"}
    # every level carries the core's sentence of evidence, never a bare number
    assert all("共练习" in v["explanation"] for v in state.levels.values())


def test_models_and_states_survive_the_round_trip_through_json():
    from zuoye.core.mastery import Response, ResponseLog, StudentState, fit_record

    rows = [Response(s, k, (s + len(k) * n) % 3 != 0) for s in range(8) for k in ("a", "bb") for n in range(6)]
    model = fit_record(ResponseLog.from_responses(rows))
    again = model_from_data(model_to_data(model))
    state = StudentState()
    for r in rows[:12]:
        state = model.update(state, r)
    back = state_from_data(state_to_data(state))
    assert again.predict_next(back, "a") == pytest.approx(model.predict_next(state, "a"))
    assert model_from_data(model_to_data(COLD_START)).p_known(StudentState(), "x") == COLD_START.p_known(StudentState(), "x")

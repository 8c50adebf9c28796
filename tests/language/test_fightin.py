"""The log-odds statistic against hand computations on tiny literal count tables."""

from __future__ import annotations

import math

import numpy as np
import pytest

from analysis.language import ALPHA_0, dirichlet_prior, fightin_words_z, log_odds_delta

# Terms x, y (rows) by groups A, B, C (columns):
#   A: x=3, y=1 (n_A = 4)   B: x=1, y=2 (n_B = 3)   C: x=0, y=2 (n_C = 2)
# Background x=4, y=5 (N = 9); with alpha_0 = 9 the prior is a_x = 9 * 4/9 = 4, a_y = 9 * 5/9 = 5.
COUNTS = np.array([[3, 1, 0], [1, 2, 2]])
ALPHA = 9.0


def test_prior_is_background_share_of_alpha_0():
    assert dirichlet_prior(np.array([4, 5]), alpha_0=9.0).tolist() == [4.0, 5.0]
    assert dirichlet_prior(np.array([4]), alpha_0=9.0, background_total=9).tolist() == [4.0]
    with pytest.raises(ValueError):
        dirichlet_prior(np.array([0, 0]))


def test_z_matches_hand_computation():
    # x in A against B+C: y_i = 3, y_j = 1, n_i = 4, n_j = 5, a = 4, a_0 = 9
    #   delta = log((3+4)/(4+9-3-4)) - log((1+4)/(5+9-1-4)) = log(7/6) - log(5/9)
    #         = 0.154151 - (-0.587787) = 0.741937
    #   var   = 1/(3+4) + 1/(1+4) = 0.142857 + 0.2 = 0.342857;  z = 0.741937 / 0.585540 = 1.267099
    # y in C against A+B: y_i = 2, y_j = 3, n_i = 2, n_j = 7, a = 5
    #   delta = log((2+5)/(2+9-2-5)) - log((3+5)/(7+9-3-5)) = log(7/4) - log(8/8) = 0.559616
    #   var   = 1/7 + 1/8 = 0.267857;  z = 0.559616 / 0.517549 = 1.081280
    # y in B against A+C: y_i = 2, y_j = 3, n_i = 3, n_j = 6, a = 5
    #   delta = log(7/5) - log(8/7) = 0.336472 - 0.133531 = 0.202941;  z = 0.202941 / 0.517549 = 0.392119
    delta, var = log_odds_delta(COUNTS, alpha_0=ALPHA)
    assert delta[0, 0] == pytest.approx(0.741937, abs=1e-6)
    assert var[0, 0] == pytest.approx(0.342857, abs=1e-6)
    z = fightin_words_z(COUNTS, alpha_0=ALPHA)
    assert z[0, 0] == pytest.approx(1.267099, abs=1e-6)
    assert z[1, 2] == pytest.approx(1.081280, abs=1e-6)
    assert z[1, 1] == pytest.approx(0.392119, abs=1e-6)
    assert math.copysign(1, z[0, 2]) == -1  # C never uses x


def test_two_groups_are_mirror_images():
    # A: x=4, y=1; B: x=1, y=4; a_0 = 10 -> a_x = a_y = 5
    #   delta_x(A) = log(9/6) - log(6/9) = 0.810930; var = 1/9 + 1/6 = 0.277778; z = 1.538632
    z = fightin_words_z(np.array([[4, 1], [1, 4]]), alpha_0=10.0)
    assert z[0, 0] == pytest.approx(1.538632, abs=1e-6)
    assert z[0, 1] == pytest.approx(-1.538632, abs=1e-6)
    assert z[1, 1] == pytest.approx(1.538632, abs=1e-6)


def test_part_of_the_vocabulary_with_full_totals_gives_the_same_z():
    full = fightin_words_z(COUNTS, alpha_0=ALPHA)
    part = fightin_words_z(COUNTS[:1], group_totals=np.array([4, 3, 2]), alpha_0=ALPHA)
    assert part[0] == pytest.approx(full[0])


def test_stronger_prior_shrinks_rare_terms_more():
    counts = np.array([[3, 0], [200, 200], [1000, 1000]])
    weak = fightin_words_z(counts, alpha_0=10.0)[0, 0]
    strong = fightin_words_z(counts, alpha_0=ALPHA_0 * 10)[0, 0]
    assert 0 < strong < weak


def test_rejects_a_vector():
    with pytest.raises(ValueError):
        log_odds_delta(np.array([1, 2, 3]))

/* d360-matches-page.h — the Matches section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "d360-section.h"

G_BEGIN_DECLS

#define D360_TYPE_MATCHES_PAGE (d360_matches_page_get_type ())

G_DECLARE_FINAL_TYPE (D360MatchesPage, d360_matches_page, D360, MATCHES_PAGE, D360Section)

G_END_DECLS

/* d360-reports-page.h — the Reports section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "d360-section.h"

G_BEGIN_DECLS

#define D360_TYPE_REPORTS_PAGE (d360_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (D360ReportsPage, d360_reports_page, D360, REPORTS_PAGE, D360Section)

G_END_DECLS

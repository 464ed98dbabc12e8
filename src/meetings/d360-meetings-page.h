/* d360-meetings-page.h — the Meetings section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "d360-section.h"

G_BEGIN_DECLS

#define D360_TYPE_MEETINGS_PAGE (d360_meetings_page_get_type ())

G_DECLARE_FINAL_TYPE (D360MeetingsPage, d360_meetings_page, D360, MEETINGS_PAGE, D360Section)

G_END_DECLS

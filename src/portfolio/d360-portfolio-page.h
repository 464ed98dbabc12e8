/* d360-portfolio-page.h — the Portfolio section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "d360-section.h"

G_BEGIN_DECLS

#define D360_TYPE_PORTFOLIO_PAGE (d360_portfolio_page_get_type ())

G_DECLARE_FINAL_TYPE (D360PortfolioPage, d360_portfolio_page, D360, PORTFOLIO_PAGE, D360Section)

G_END_DECLS

/* d360-money.h — exact amounts of money: integer minor units and a currency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define D360_MONEY_ERROR (d360_money_error_quark ())

typedef enum
{
  D360_MONEY_ERROR_INVALID,    /* not a number */
  D360_MONEY_ERROR_NEGATIVE,
  D360_MONEY_ERROR_PRECISION,  /* more decimals than the currency has */
  D360_MONEY_ERROR_TOO_LARGE,
  D360_MONEY_ERROR_CURRENCY,   /* not an ISO 4217 code */
} D360MoneyError;

GQuark    d360_money_error_quark      (void);

gboolean  d360_currency_is_valid      (const char  *code);
guint     d360_currency_get_exponent  (const char  *code);
char     *d360_money_format           (gint64       minor,
                                       const char  *currency);
char     *d360_money_format_amount    (gint64       minor,
                                       const char  *currency);
gboolean  d360_money_parse            (const char  *text,
                                       const char  *currency,
                                       gint64       max_minor,
                                       gint64      *minor,
                                       GError     **error);

G_END_DECLS

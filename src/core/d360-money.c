/* d360-money.c — exact amounts of money: integer minor units and a currency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Amounts never pass through floating point: they are 64-bit integers of the
 * currency's minor unit (cents, bani), formatted and parsed digit by digit
 * with the separators of the user's locale (localeconv()).
 */

#define G_LOG_DOMAIN "d360-money"

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "d360-iso-codes.h"
#include "d360-money.h"

#define DEFAULT_EXPONENT 2
#define DEFAULT_GROUP    3

G_DEFINE_QUARK (d360-money-error-quark, d360_money_error)

/* ISO 4217 minor units that are not 2. Funds and precious metals (XAU, XDR, …)
 * have none defined ("N.A."); they keep the default. */
static const struct {
  const char *code;
  guint       exponent;
} exponents[] = {
  { "BIF", 0 }, { "CLP", 0 }, { "DJF", 0 }, { "GNF", 0 }, { "ISK", 0 }, { "JPY", 0 },
  { "KMF", 0 }, { "KRW", 0 }, { "PYG", 0 }, { "RWF", 0 }, { "UGX", 0 }, { "UYI", 0 },
  { "VND", 0 }, { "VUV", 0 }, { "XAF", 0 }, { "XOF", 0 }, { "XPF", 0 },
  { "BHD", 3 }, { "IQD", 3 }, { "JOD", 3 }, { "KWD", 3 }, { "LYD", 3 }, { "OMR", 3 },
  { "TND", 3 },
  { "CLF", 4 }, { "UYW", 4 },
};

/* The separators of the current locale, monetary ones first. */
typedef struct
{
  char        decimal_point[8];
  char        thousands_sep[8];   /* may be empty: no grouping */
  char        grouping[8];        /* as in localeconv(): sizes from the right */
} Separators;

static void
copy_field (char       *dest,
            gsize       size,
            const char *first,
            const char *second)
{
  const char *value = first != NULL && *first != '\0' ? first : second;

  g_strlcpy (dest, value != NULL ? value : "", size);
}

static void
get_separators (Separators *seps)
{
  const struct lconv *conv = localeconv ();

  copy_field (seps->decimal_point, sizeof seps->decimal_point,
              conv->mon_decimal_point, conv->decimal_point);
  if (seps->decimal_point[0] == '\0')
    g_strlcpy (seps->decimal_point, ".", sizeof seps->decimal_point);
  copy_field (seps->thousands_sep, sizeof seps->thousands_sep,
              conv->mon_thousands_sep, conv->thousands_sep);
  copy_field (seps->grouping, sizeof seps->grouping, conv->mon_grouping, conv->grouping);

  /* A decimal point and grouping separator that are the same could not be
   * told apart; such a locale gets no grouping. */
  if (g_str_equal (seps->decimal_point, seps->thousands_sep))
    seps->thousands_sep[0] = '\0';
}

/* The size of group @index counted from the right; 0 when grouping stops. */
static guint
group_size (const char *grouping,
            guint       index)
{
  guint len = (guint) strlen (grouping);
  char size;

  if (len == 0)
    return DEFAULT_GROUP;

  size = grouping[MIN (index, len - 1)];
  if (size == CHAR_MAX || size <= 0)
    return 0;
  return (guint) size;
}

static guint64
power_of_ten (guint exponent)
{
  guint64 value = 1;

  while (exponent-- > 0)
    value *= 10;
  return value;
}

/* Appends the decimal digits of @value, grouped with @seps. */
static void
append_grouped (GString          *out,
                guint64           value,
                const Separators *seps)
{
  char digits[24];
  int n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (int));
  int pos = n;

  /* Where separators go, found from the right. */
  if (seps->thousands_sep[0] != '\0')
    for (guint group = 0;; group++)
      {
        guint size = group_size (seps->grouping, group);

        if (size == 0 || pos <= (int) size)
          break;
        pos -= (int) size;
        g_array_prepend_val (cuts, pos);
      }

  pos = 0;
  for (guint i = 0; i < cuts->len; i++)
    {
      int cut = g_array_index (cuts, int, i);

      g_string_append_len (out, digits + pos, cut - pos);
      g_string_append (out, seps->thousands_sep);
      pos = cut;
    }
  g_string_append_len (out, digits + pos, n - pos);
}

static gboolean
is_space_separator (gunichar c)
{
  /* Spaces group digits in many locales, and never mark decimals. */
  return c == ' ' || c == 0x00A0 || c == 0x202F || c == 0x2009 || c == 0x2007;
}

static gboolean
is_minus (gunichar c)
{
  return c == '-' || c == 0x2212 || c == 0x2012 || c == 0x2013;
}

typedef struct
{
  GPtrArray *runs;        /* of char*: the runs of digits */
  GPtrArray *separators;  /* of char*: the separator before run i + 1 */
} Tokens;

static void
tokens_clear (Tokens *tokens)
{
  g_clear_pointer (&tokens->runs, g_ptr_array_unref);
  g_clear_pointer (&tokens->separators, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Tokens, tokens_clear)

/* Splits "1.234,56" into runs of digits and the single characters between
 * them. Fails on anything else, and on two separators in a row. */
static gboolean
tokenize (const char *text,
          Tokens     *tokens)
{
  const char *p = text;

  tokens->runs = g_ptr_array_new_with_free_func (g_free);
  tokens->separators = g_ptr_array_new_with_free_func (g_free);

  while (*p != '\0')
    {
      const char *start = p;
      const char *next;

      while (g_ascii_isdigit (*p))
        p++;
      if (p == start)
        return FALSE;
      g_ptr_array_add (tokens->runs, g_strndup (start, p - start));

      if (*p == '\0')
        break;

      /* A separator is one character, between two runs of digits. */
      next = g_utf8_next_char (p);
      if (*next == '\0')
        return FALSE;
      g_ptr_array_add (tokens->separators, g_strndup (p, next - p));
      p = next;
    }

  return tokens->runs->len > 0;
}

static gboolean
is_group_separator (const char       *sep,
                    const Separators *seps,
                    const char       *fallback)
{
  if (is_space_separator (g_utf8_get_char (sep)))
    return TRUE;
  if (seps->thousands_sep[0] != '\0')
    return g_str_equal (sep, seps->thousands_sep) ||
           (is_space_separator (g_utf8_get_char (seps->thousands_sep)) &&
            is_space_separator (g_utf8_get_char (sep)));
  return g_str_equal (sep, fallback);
}

/* Whether runs[0 .. n_runs - 1] are correctly grouped digits. */
static gboolean
check_grouping (GPtrArray        *runs,
                guint             n_runs,
                const Separators *seps)
{
  const char *grouping = seps->thousands_sep[0] != '\0' ? seps->grouping : "";
  guint group = 0;
  guint size;

  if (n_runs == 1)
    return TRUE;

  for (guint i = n_runs - 1; i > 0; i--, group++)
    {
      size = group_size (grouping, group);
      if (size == 0 || strlen (g_ptr_array_index (runs, i)) != size)
        return FALSE;
    }

  /* The leftmost group may be shorter. */
  size = group_size (grouping, group);
  return size == 0 || strlen (g_ptr_array_index (runs, 0)) <= size;
}

/* Finds the integer and decimal digits of @text, read the locale's way
 * ("1.234.567,89" in Romanian) or plainly ("1234.56", "1234,56"). */
static gboolean
split_number (const char  *text,
              char       **integer_digits,
              char       **decimal_digits)
{
  g_auto(Tokens) tokens = { NULL, NULL };
  Separators seps;
  const char *fallback_group;
  guint n_seps;
  guint n_int_runs;
  gboolean has_decimals = FALSE;
  GString *integer;

  if (!tokenize (text, &tokens))
    return FALSE;

  get_separators (&seps);
  /* A locale without a grouping separator still lets people type the one
   * that goes with its decimal point in English or Romanian usage. */
  fallback_group = g_str_equal (seps.decimal_point, ",") ? "." : ",";
  n_seps = tokens.separators->len;

  if (n_seps == 0)
    n_int_runs = 1;
  else
    {
      const char *last = g_ptr_array_index (tokens.separators, n_seps - 1);
      gboolean locale_ok = TRUE;

      /* The locale's way: an optional decimal point last, group separators
       * before it, and groups of the locale's sizes. */
      has_decimals = g_str_equal (last, seps.decimal_point);
      n_int_runs = has_decimals ? n_seps : n_seps + 1;
      for (guint i = 0; i < n_int_runs - 1 && locale_ok; i++)
        locale_ok = is_group_separator (g_ptr_array_index (tokens.separators, i), &seps,
                                        fallback_group);
      if (locale_ok)
        locale_ok = check_grouping (tokens.runs, n_int_runs, &seps);

      if (!locale_ok)
        {
          /* Plainly: one point or comma before the decimals. */
          if (n_seps != 1 || (!g_str_equal (last, ".") && !g_str_equal (last, ",")))
            return FALSE;
          has_decimals = TRUE;
          n_int_runs = 1;
        }
    }

  integer = g_string_new (NULL);
  for (guint i = 0; i < n_int_runs; i++)
    g_string_append (integer, g_ptr_array_index (tokens.runs, i));
  *integer_digits = g_string_free (integer, FALSE);
  *decimal_digits = g_strdup (has_decimals ? g_ptr_array_index (tokens.runs, n_int_runs) : "");
  return TRUE;
}

/* Removes the currency code from either end of @text ("1.234,56 EUR"). */
static void
strip_currency (char       *text,
                const char *currency)
{
  gsize len = strlen (text);

  if (currency == NULL || len < 3)
    return;

  if (g_ascii_strncasecmp (text, currency, 3) == 0)
    memmove (text, text + 3, len - 2);
  else if (g_ascii_strcasecmp (text + len - 3, currency) == 0)
    text[len - 3] = '\0';
}

/* Trims ASCII and Unicode spaces from both ends, in place. */
static char *
strip_spaces (char *text)
{
  char *start = text;
  char *end;

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  memmove (text, start, strlen (start) + 1);

  end = text + strlen (text);
  while (end > text)
    {
      char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  *end = '\0';
  return text;
}

static gboolean
add_digits (guint64     *value,
            const char  *digits)
{
  for (const char *p = digits; *p != '\0'; p++)
    if (!g_uint64_checked_mul (value, *value, 10) ||
        !g_uint64_checked_add (value, *value, (guint64) (*p - '0')))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ public */

/**
 * d360_currency_is_valid:
 * @code: (nullable): a currency code
 *
 * Returns: whether @code is a current ISO 4217 code ("EUR"), in capitals
 */
gboolean
d360_currency_is_valid (const char *code)
{
  if (code == NULL || strlen (code) != 3)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    if (!g_ascii_isupper (code[i]))
      return FALSE;

  return d360_iso_codes_lookup (D360_ISO_CURRENCIES, code) != NULL;
}

/**
 * d360_currency_get_exponent:
 * @code: (nullable): an ISO 4217 code
 *
 * Returns: how many decimals the currency's minor unit has (2 for EUR, 0 for
 *   JPY, 3 for KWD); 2 for an unknown code
 */
guint
d360_currency_get_exponent (const char *code)
{
  if (code == NULL)
    return DEFAULT_EXPONENT;

  for (guint i = 0; i < G_N_ELEMENTS (exponents); i++)
    if (g_str_equal (code, exponents[i].code))
      return exponents[i].exponent;

  return DEFAULT_EXPONENT;
}

/**
 * d360_money_format_amount:
 * @minor: the amount in minor units
 * @currency: (nullable): its ISO 4217 code, for the number of decimals
 *
 * Returns: (transfer full): the amount with the locale's grouping and
 *   decimal point, without the currency: "1.234.567,89" in Romanian
 */
char *
d360_money_format_amount (gint64      minor,
                          const char *currency)
{
  guint exponent = d360_currency_get_exponent (currency);
  guint64 scale = power_of_ten (exponent);
  /* The magnitude, computed without overflowing on G_MININT64. */
  guint64 magnitude = minor < 0 ? (guint64) (-(minor + 1)) + 1 : (guint64) minor;
  GString *out = g_string_new (NULL);
  Separators seps;

  get_separators (&seps);

  if (minor < 0)
    g_string_append_c (out, '-');
  append_grouped (out, magnitude / scale, &seps);
  if (exponent > 0)
    {
      g_string_append (out, seps.decimal_point);
      g_string_append_printf (out, "%0*" G_GUINT64_FORMAT, (int) exponent, magnitude % scale);
    }

  return g_string_free (out, FALSE);
}

/**
 * d360_money_format:
 * @minor: the amount in minor units
 * @currency: its ISO 4217 code
 *
 * Returns: (transfer full): the amount in the locale's format followed by the
 *   currency code: "1.234.567,89 EUR" in Romanian, "1,234,567.89 EUR" in English
 */
char *
d360_money_format (gint64      minor,
                   const char *currency)
{
  g_autofree char *amount = NULL;

  g_return_val_if_fail (currency != NULL, NULL);

  amount = d360_money_format_amount (minor, currency);
  return g_strdup_printf ("%s %s", amount, currency);
}

/**
 * d360_money_parse:
 * @text: what the user typed
 * @currency: (nullable): the ISO 4217 code of the amount; %NULL for two decimals
 * @max_minor: the largest amount accepted, in minor units; 0 or less for no limit
 * @minor: (out): the amount in minor units
 * @error: a #D360MoneyError with a sentence for the user
 *
 * Reads an amount written the locale's way, with or without grouping
 * ("1.234.567,89" in Romanian), or plainly with a point or a comma before the
 * decimals ("1234.56", "1234,56") where that cannot be read as grouping. The
 * currency code may stand before or after the number. Negative amounts, more
 * decimals than the currency has, amounts over @max_minor and anything else
 * are refused.
 */
gboolean
d360_money_parse (const char  *text,
                  const char  *currency,
                  gint64       max_minor,
                  gint64      *minor,
                  GError     **error)
{
  g_autofree char *copy = NULL;
  g_autofree char *integer_digits = NULL;
  g_autofree char *decimal_digits = NULL;
  guint exponent;
  guint64 value = 0;
  guint64 limit = max_minor > 0 ? (guint64) max_minor : (guint64) G_MAXINT64;
  char *body;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (minor != NULL, FALSE);

  if (currency != NULL && !d360_currency_is_valid (currency))
    {
      g_set_error (error, D360_MONEY_ERROR, D360_MONEY_ERROR_CURRENCY,
                   _("“%s” is not an ISO 4217 currency code, such as EUR or RON."), currency);
      return FALSE;
    }
  exponent = d360_currency_get_exponent (currency);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, D360_MONEY_ERROR, D360_MONEY_ERROR_INVALID,
                           _("The amount is not a number."));
      return FALSE;
    }

  copy = g_strdup (text);
  strip_spaces (copy);
  strip_currency (copy, currency);
  body = strip_spaces (copy);

  if (is_minus (g_utf8_get_char (body)))
    {
      g_set_error_literal (error, D360_MONEY_ERROR, D360_MONEY_ERROR_NEGATIVE,
                           _("The amount cannot be negative."));
      return FALSE;
    }
  if (*body == '+')
    body++;

  if (*body == '\0' || !split_number (body, &integer_digits, &decimal_digits))
    {
      g_set_error (error, D360_MONEY_ERROR, D360_MONEY_ERROR_INVALID,
                   _("“%s” is not an amount of money."), text);
      return FALSE;
    }

  if (strlen (decimal_digits) > exponent)
    {
      /* Only currencies from the table have other than two decimals. */
      if (currency == NULL)
        g_set_error_literal (error, D360_MONEY_ERROR, D360_MONEY_ERROR_PRECISION,
                             _("An amount has at most two decimals."));
      else if (exponent == 0)
        g_set_error (error, D360_MONEY_ERROR, D360_MONEY_ERROR_PRECISION,
                     _("Amounts in %s have no decimals."), currency);
      else
        g_set_error (error, D360_MONEY_ERROR, D360_MONEY_ERROR_PRECISION,
                     dngettext (GETTEXT_PACKAGE,
                                "Amounts in %s have at most %u decimal.",
                                "Amounts in %s have at most %u decimals.", exponent),
                     currency, exponent);
      return FALSE;
    }

  /* Exact: integer digits, then the decimals padded to the exponent. */
  if (!add_digits (&value, integer_digits) || !add_digits (&value, decimal_digits))
    value = G_MAXUINT64;
  for (gsize i = strlen (decimal_digits); i < exponent && value != G_MAXUINT64; i++)
    if (!g_uint64_checked_mul (&value, value, 10))
      value = G_MAXUINT64;

  if (value > limit)
    {
      g_autofree char *largest = currency != NULL
                                 ? d360_money_format ((gint64) limit, currency)
                                 : d360_money_format_amount ((gint64) limit, NULL);

      g_set_error (error, D360_MONEY_ERROR, D360_MONEY_ERROR_TOO_LARGE,
                   _("The amount is too large: at most %s."), largest);
      return FALSE;
    }

  *minor = (gint64) value;
  return TRUE;
}

/* d360-validate.c — checks of values that come from people and files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "d360-validate.h"

/**
 * d360_is_web_url:
 * @text: (nullable): what the user typed
 *
 * Returns: whether @text is an absolute http:// or https:// address with a host
 */
gboolean
d360_is_web_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (text == NULL)
    return FALSE;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && *host != '\0' && strchr (text, ' ') == NULL;
}

/* What a regular expression's \s matches with Unicode properties (PCRE2's,
 * which this check replaced): the separators Zs, Zl and Zp, the ASCII
 * spaces, and a few others it counts. */
static gboolean
is_space (gunichar c)
{
  switch (c)
    {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xa0: case 0x1680: case 0x180e:
    case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000:
      return TRUE;
    default:
      return c >= 0x2000 && c <= 0x200a;
    }
}

/* Past the spaces at @p; NULL at a byte that is not UTF-8. */
static const char *
skip_spaces (const char *p)
{
  for (;;)
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          if (*p == '\0' || !is_space ((guchar) *p))
            return p;
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        return NULL;
      if (!is_space (c))
        return p;
      p = g_utf8_next_char (p);
    }
}

static gboolean
is_digit_run (const char **p)
{
  const char *start = *p;

  while (g_ascii_isdigit (**p))
    (*p)++;
  return *p > start;
}

/**
 * d360_is_phone_number:
 * @text: (nullable): what the user typed
 *
 * A phone number is 3 to 20 digits written with spaces, brackets, dots,
 * slashes and dashes, perhaps after a "+", perhaps followed by an extension
 * ("x 12", "ext. 12", "#12"): "+40 (21) 305-55-00", "0721 234 567 ext 4".
 * Spaces of any kind may stand before and after it.
 *
 * Returns: whether @text is one
 */
gboolean
d360_is_phone_number (const char *text)
{
  const char *p;
  const char *number;
  gboolean plus;
  guint n_digits = 0;

  if (text == NULL)
    return FALSE;
  for (p = text; *p != '\0'; p++)
    n_digits += g_ascii_isdigit (*p) ? 1 : 0;
  if (n_digits < 3 || n_digits > 20)
    return FALSE;

  /* The number. Spaces may be all it has before an extension ("  x12"):
   * then a space among those before it is the number. */
  if ((p = skip_spaces (text)) == NULL)
    return FALSE;
  plus = *p == '+';
  if (plus)
    p++;
  number = p;
  while (g_ascii_isdigit (*p) || *p == ' ' || *p == '(' || *p == ')' || *p == '.' ||
         *p == '/' || *p == '-')
    p++;
  if (p == number && (plus || memchr (text, ' ', number - text) == NULL))
    return FALSE;
  if ((p = skip_spaces (p)) == NULL)
    return FALSE;
  if (*p == '\0')
    return TRUE;

  /* The extension */
  if (*p == '#' || *p == 'x' || *p == 'X')
    p++;
  else if (g_ascii_strncasecmp (p, "ext", 3) == 0)
    p += p[3] == '.' ? 4 : 3;
  else
    return FALSE;
  if ((p = skip_spaces (p)) == NULL || !is_digit_run (&p))
    return FALSE;
  p = skip_spaces (p);
  return p != NULL && *p == '\0';
}

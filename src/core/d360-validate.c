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

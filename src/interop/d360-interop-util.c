/* d360-interop-util.c — helpers shared by the vCard and CSV readers and writers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-interop"

#include "config.h"

#include <string.h>

#include "d360-interop-private.h"

static guint
read_number (const char **p,
             guint        max_digits,
             int         *value)
{
  guint n = 0;

  *value = 0;
  while (n < max_digits && g_ascii_isdigit ((*p)[0]))
    {
      *value = *value * 10 + ((*p)[0] - '0');
      (*p)++;
      n++;
    }
  return n;
}

static gboolean
is_date_end (const char *p)
{
  return *p == '\0' || *p == 'T' || *p == 't' || *p == ' ';
}

/* Day-first or month-first dates with one- or two-digit day and month and a
 * four-digit year: "4/15/1985" (US Outlook), "15.04.1985", "15-04-1985". */
static gboolean
read_short_date (const char *p,
                 int        *y,
                 int        *m,
                 int        *d)
{
  int a, b;
  char separator;
  guint n;

  n = read_number (&p, 2, &a);
  if (n == 0 || (*p != '/' && *p != '.' && *p != '-'))
    return FALSE;
  separator = *p++;
  n = read_number (&p, 2, &b);
  if (n == 0 || *p++ != separator)
    return FALSE;
  n = read_number (&p, 4, y);
  if (n != 4 || !is_date_end (p))
    return FALSE;

  if (separator == '/')
    {
      *m = a;
      *d = b;
    }
  else
    {
      *d = a;
      *m = b;
    }
  return TRUE;
}

/**
 * d360_problem_add:
 * @problems: (nullable): where problems go, or %NULL to drop them
 * @line: the line of the file, from 1
 * @rejected: whether the whole card or row was left out
 * @format: a translated printf() format for the reason
 *
 * Appends a #D360ParseProblem.
 */
void
d360_problem_add (GPtrArray  *problems,
                  guint       line,
                  gboolean    rejected,
                  const char *format,
                  ...)
{
  D360ParseProblem *problem;
  va_list args;

  if (problems == NULL)
    return;

  problem = g_new0 (D360ParseProblem, 1);
  problem->line = line;
  problem->rejected = rejected;
  va_start (args, format);
  problem->reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, problem);
}

/**
 * d360_problems_new:
 *
 * Returns: (transfer full): an empty array of #D360ParseProblem that frees them
 */
GPtrArray *
d360_problems_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) d360_parse_problem_free);
}

static gint
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const D360ParseProblem *pa = *(D360ParseProblem **) a;
  const D360ParseProblem *pb = *(D360ParseProblem **) b;

  return pa->line < pb->line ? -1 : pa->line > pb->line;
}

/**
 * d360_problems_sort:
 * @problems: an array of #D360ParseProblem
 *
 * Sorts @problems by line, keeping the order of those on the same line.
 */
void
d360_problems_sort (GPtrArray *problems)
{
  /* g_ptr_array_sort() is a stable merge sort */
  g_ptr_array_sort (problems, compare_problems);
}

/**
 * d360_text_prepare:
 * @bytes: a whole file
 * @text: (out): where the text starts
 * @len: (out): its length in bytes
 * @owned: (out) (transfer full): a converted copy to free, or %NULL
 *
 * Skips a UTF-8 byte-order mark, and converts UTF-16 (with a byte-order mark,
 * as "Unicode" exports from Windows programs are) to UTF-8.
 *
 * Returns: %FALSE when the file says it is UTF-16 but is not
 */
gboolean
d360_text_prepare (GBytes      *bytes,
                   const char **text,
                   gsize       *len,
                   char       **owned)
{
  gsize size = 0;
  const guchar *data = g_bytes_get_data (bytes, &size);

  *owned = NULL;
  if (data == NULL || size == 0)
    {
      *text = "";
      *len = 0;
      return TRUE;
    }

  if (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      *text = (const char *) data + 3;
      *len = size - 3;
      return TRUE;
    }

  if (size >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
    {
      const char *from = data[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
      gsize written = 0;
      char *converted;

      converted = g_convert ((const char *) data + 2, size - 2, "UTF-8", from, NULL, &written,
                             NULL);
      if (converted == NULL)
        return FALSE;
      *owned = converted;
      *text = converted;
      *len = written;
      return TRUE;
    }

  *text = (const char *) data;
  *len = size;
  return TRUE;
}

/**
 * d360_text_is_blank:
 * @text: bytes
 * @len: their length
 *
 * Returns: whether @text holds nothing but white space
 */
gboolean
d360_text_is_blank (const char *text,
                    gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

/**
 * d360_text_has_nul:
 * @text: bytes
 * @len: their length
 *
 * Returns: whether @text has a NUL byte, which no text file has
 */
gboolean
d360_text_has_nul (const char *text,
                   gsize       len)
{
  return len > 0 && memchr (text, '\0', len) != NULL;
}

/**
 * d360_normalize_birthday:
 * @text: a date as written in a vCard or CSV file
 * @normalized: (out) (transfer full) (nullable): "YYYY-MM-DD", "--MM-DD"
 *   when there is no year, or %NULL when @text says there is no date
 *
 * Understands "19850415", "1985-04-15" (a time after "T" is dropped),
 * "--0415", "--04-15", "4/15/1985" (month first, as US Outlook writes),
 * "15.04.1985" and "15-04-1985" (day first), and Outlook's empty "0/0/00".
 *
 * Returns: %FALSE when @text is not a date this understands
 */
gboolean
d360_normalize_birthday (const char  *text,
                         char       **normalized)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *p = copy;
  int y = 0, m = 0, d = 0;
  gboolean has_year = TRUE;
  static const int days_in_month[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  *normalized = NULL;
  if (*p == '\0' || strcmp (p, "0/0/00") == 0 || strcmp (p, "00.00.0000") == 0)
    return TRUE;

  if (p[0] == '-' && p[1] == '-')
    {
      p += 2;
      has_year = FALSE;
      if (read_number (&p, 2, &m) != 2)
        return FALSE;
      if (*p == '-')
        p++;
      if (read_number (&p, 2, &d) != 2 || !is_date_end (p))
        return FALSE;
    }
  else if (!read_short_date (p, &y, &m, &d))
    {
      guint n = read_number (&p, 8, &y);

      if (n == 8 && is_date_end (p))
        {
          d = y % 100;
          m = (y / 100) % 100;
          y /= 10000;
        }
      else if (n == 4 && (*p == '-' || *p == '/'))
        {
          char separator = *p++;

          if (read_number (&p, 2, &m) == 0 || *p++ != separator ||
              read_number (&p, 2, &d) == 0 || !is_date_end (p))
            return FALSE;
        }
      else
        return FALSE;
    }

  if (m < 1 || m > 12 || d < 1 || d > days_in_month[m - 1])
    return FALSE;
  if (has_year)
    {
      if (y < 1 || !g_date_valid_dmy (d, m, y))
        return FALSE;
      *normalized = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
    }
  else
    *normalized = g_strdup_printf ("--%02d-%02d", m, d);
  return TRUE;
}

/**
 * d360_string_list_add:
 * @list: an array of strings that frees them
 * @value: a string
 * @len: its length, or -1 if NUL-terminated
 *
 * Appends @value without its surrounding white space, unless it is then
 * empty, already in @list, or @list already has %D360_STRING_LIST_MAX items:
 * no contact has that many categories or languages, and the check for
 * duplicates would make a file with a million of them take hours.
 */
void
d360_string_list_add (GPtrArray  *list,
                      const char *value,
                      gssize      len)
{
  char *item;

  if (list->len >= D360_STRING_LIST_MAX)
    return;

  item = d360_strndup_stripped (value, len < 0 ? strlen (value) : (gsize) len);
  if (item == NULL)
    return;

  for (guint i = 0; i < list->len; i++)
    if (strcmp (list->pdata[i], item) == 0)
      {
        g_free (item);
        return;
      }
  g_ptr_array_add (list, item);
}

/**
 * d360_strndup_stripped:
 * @text: bytes
 * @len: their length
 *
 * Returns: (transfer full) (nullable): a copy of @text without surrounding
 *   white space, or %NULL if nothing is left
 */
char *
d360_strndup_stripped (const char *text,
                       gsize       len)
{
  while (len > 0 && g_ascii_isspace (text[0]))
    {
      text++;
      len--;
    }
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;

  return len > 0 ? g_strndup (text, len) : NULL;
}

/**
 * d360_is_system_group:
 * @category: a category or group name
 *
 * Returns: whether @category is one of Google's own groups, which every
 *   contact of an export is in ("myContacts", "starred")
 */
gboolean
d360_is_system_group (const char *category)
{
  return g_ascii_strcasecmp (category, "myContacts") == 0 ||
         g_ascii_strcasecmp (category, "starred") == 0;
}

/* d360-vcard.c — reading and writing vCard files (2.1, 3.0 and 4.0)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader makes one pass over the file. A line that needs no unfolding is
 * used where it lies; only folded lines are copied, and binary properties
 * (PHOTO, LOGO, SOUND, KEY) are stepped over without being copied or decoded,
 * so a card with a large inline photo costs no more than its line count.
 *
 * Follows RFC 6350 (4.0), RFC 2426 (3.0) and the vCard 2.1 specification
 * (bare parameters such as "TEL;WORK;VOICE:", QUOTED-PRINTABLE with soft
 * line breaks, CHARSET), and what writers in the field do: groups with
 * Apple's X-ABLabel, X-APPLE-OMIT-YEAR, unindented base64 in 2.1.
 */

#define G_LOG_DOMAIN "d360-interop"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "d360-interop-private.h"
#include "d360-vcard.h"

#define FOLD_OCTETS 75

typedef enum
{
  ENCODING_NONE,
  ENCODING_QUOTED_PRINTABLE,
  ENCODING_BASE64,
} Encoding;

typedef enum
{
  PROPERTY_UNKNOWN,
  PROPERTY_BEGIN,
  PROPERTY_END,
  PROPERTY_VERSION,
  PROPERTY_FN,
  PROPERTY_N,
  PROPERTY_ORG,
  PROPERTY_TITLE,
  PROPERTY_ROLE,
  PROPERTY_EMAIL,
  PROPERTY_TEL,
  PROPERTY_ADR,
  PROPERTY_NOTE,
  PROPERTY_CATEGORIES,
  PROPERTY_LANG,
  PROPERTY_BDAY,
  PROPERTY_UID,
  PROPERTY_URL,
  PROPERTY_AB_LABEL,
} PropertyKind;

static const struct
{
  const char   *name;
  PropertyKind  kind;
} property_names[] = {
  { "BEGIN", PROPERTY_BEGIN },
  { "END", PROPERTY_END },
  { "VERSION", PROPERTY_VERSION },
  { "FN", PROPERTY_FN },
  { "N", PROPERTY_N },
  { "ORG", PROPERTY_ORG },
  { "TITLE", PROPERTY_TITLE },
  { "ROLE", PROPERTY_ROLE },
  { "EMAIL", PROPERTY_EMAIL },
  { "TEL", PROPERTY_TEL },
  { "ADR", PROPERTY_ADR },
  { "NOTE", PROPERTY_NOTE },
  { "CATEGORIES", PROPERTY_CATEGORIES },
  { "LANG", PROPERTY_LANG },
  { "X-LANG", PROPERTY_LANG },
  { "X-D360-LANG", PROPERTY_LANG },
  { "BDAY", PROPERTY_BDAY },
  { "UID", PROPERTY_UID },
  { "URL", PROPERTY_URL },
  { "X-ABLABEL", PROPERTY_AB_LABEL },
};

/* Properties whose value is binary data, never read. */
static const char *const binary_properties[] = { "PHOTO", "LOGO", "SOUND", "KEY" };

/* What a property's parameters say, as far as this reader cares. Spans
 * point into the line and are not NUL-terminated. */
typedef struct
{
  guint       types;
  Encoding    encoding;
  const char *charset;
  gsize       charset_len;
  const char *omit_year;
  gsize       omit_year_len;
} Params;

typedef struct
{
  const char *group;
  gsize       group_len;
  const char *name;
  gsize       name_len;
  Params      params;
  const char *value;
  gsize       value_len;
} Property;

typedef struct
{
  const char *text;
  gsize       len;
} Span;

typedef struct
{
  const char *text;
  gsize       len;
  guint       line;
  gboolean    skipped;   /* a binary property, stepped over */
} LogicalLine;

/* A phone number or email address waiting for its group's X-ABLabel. */
typedef struct
{
  D360ContactField *field;
  char             *group;
} GroupedField;

typedef struct
{
  char *group;
  char *label;
} GroupLabel;

typedef struct
{
  const char        *data;
  gsize              len;
  gsize              pos;
  guint              line;          /* of the physical line last read, from 1 */
  char               eol;
  gboolean           valid_utf8;    /* the whole file is, so values need no check */
  GString           *scratch;       /* an unfolded logical line */
  GString           *note;          /* the card's NOTE lines, joined */
  GPtrArray         *contacts;
  GPtrArray         *problems;
  gboolean           seen_begin;
  guint              garbage_line;  /* start of unreported text outside cards, or 0 */

  /* The card being read. */
  D360ParsedContact *card;
  guint              card_line;
  int                version;       /* 21, 30 or 40 */
  gboolean           card_has_pref_address;
  GArray            *grouped;       /* GroupedField */
  GArray            *labels;        /* GroupLabel */

  gboolean           card_just_ended;  /* the last line read was its END:VCARD */
} Parser;

/* ------------------------------------------------------------ lines */

static gboolean
span_equal (const char *text,
            gsize       len,
            const char *literal)
{
  /* The first letter first (in either case: a necessary condition for any
   * two ASCII characters): most names compared differ there. */
  return strlen (literal) == len && len > 0 && (text[0] | 0x20) == (literal[0] | 0x20) &&
         g_ascii_strncasecmp (text, literal, len) == 0;
}

static gboolean
span_contains (const char *text,
               gsize       len,
               const char *needle)
{
  gsize needle_len = strlen (needle);

  /* Compared where the first letter matches in either case (the needles
   * start with one): the head of every line is searched. */
  for (gsize i = 0; i + needle_len <= len; i++)
    if ((text[i] | 0x20) == (needle[0] | 0x20) &&
        g_ascii_strncasecmp (text + i, needle, needle_len) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
read_physical_line (Parser      *self,
                    const char **start,
                    gsize       *len)
{
  const char *p;
  const char *eol;
  gsize rest;

  if (self->pos >= self->len)
    return FALSE;

  p = self->data + self->pos;
  rest = self->len - self->pos;
  eol = memchr (p, self->eol, rest);
  if (eol == NULL)
    {
      *len = rest;
      self->pos = self->len;
    }
  else
    {
      *len = eol - p;
      self->pos += *len + 1;
    }
  if (*len > 0 && p[*len - 1] == '\r')
    (*len)--;

  *start = p;
  self->line++;
  return TRUE;
}

static gboolean
next_line_is_folded (Parser *self)
{
  return self->pos < self->len && (self->data[self->pos] == ' ' || self->data[self->pos] == '\t');
}

/* A 2.1 writer may put base64 lines at the start of the line; they end at a
 * blank line or at the next property, which has a ':' or ';' that base64 has not. */
static gboolean
next_line_is_bare_base64 (Parser *self)
{
  gsize i;

  for (i = self->pos; i < self->len && self->data[i] != self->eol; i++)
    {
      char c = self->data[i];

      if (!g_ascii_isalnum (c) && c != '+' && c != '/' && c != '=' && c != '\r')
        return FALSE;
    }
  return i > self->pos && !(i == self->pos + 1 && self->data[self->pos] == '\r');
}

/* The ':' that ends the name and parameters: the first outside a quoted
 * parameter value. */
static const char *
find_value_colon (const char *text,
                  gsize       len)
{
  gboolean quoted = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '"')
        quoted = !quoted;
      else if (text[i] == ':' && !quoted)
        return text + i;
    }
  return NULL;
}

static gboolean
is_binary_property (const char *head,
                    gsize       len)
{
  const char *name = head;
  gsize name_len = 0;

  for (gsize i = 0; i < len && head[i] != ';'; i++)
    {
      if (head[i] == '.')
        {
          name = head + i + 1;
          name_len = 0;
        }
      else
        name_len++;
    }

  for (guint i = 0; i < G_N_ELEMENTS (binary_properties); i++)
    if (span_equal (name, name_len, binary_properties[i]))
      return TRUE;
  return FALSE;
}

static void
skip_binary_value (Parser     *self,
                   const char *head,
                   gsize       head_len,
                   const char *start,
                   gsize       len)
{
  gboolean base64 = span_contains (head, head_len, "BASE64");
  gboolean qp = span_contains (head, head_len, "QUOTED-PRINTABLE");
  gboolean soft_break = qp && len > 0 && start[len - 1] == '=';

  for (;;)
    {
      if (next_line_is_folded (self) || soft_break || (base64 && next_line_is_bare_base64 (self)))
        {
          if (!read_physical_line (self, &start, &len))
            break;
          soft_break = qp && len > 0 && start[len - 1] == '=';
        }
      else
        break;
    }
}

/* Reads one logical line: a physical line and the lines folded onto it
 * (RFC 6350 §3.2; a 2.1 file keeps the leading white space), and for
 * QUOTED-PRINTABLE values the lines after a soft line break ("=" at the end). */
static gboolean
read_logical_line (Parser      *self,
                   LogicalLine *out)
{
  const char *start;
  const char *colon;
  gsize len;
  gsize head_len;
  gboolean qp;

  if (!read_physical_line (self, &start, &len))
    return FALSE;

  out->line = self->line;
  out->skipped = FALSE;

  colon = find_value_colon (start, len);
  head_len = colon != NULL ? (gsize) (colon - start) : len;

  if (colon != NULL && is_binary_property (start, head_len))
    {
      skip_binary_value (self, start, head_len, start, len);
      out->text = start;
      out->len = head_len;
      out->skipped = TRUE;
      return TRUE;
    }

  qp = colon != NULL && span_contains (start, head_len, "QUOTED-PRINTABLE");
  if (!next_line_is_folded (self) && !(qp && len > 0 && start[len - 1] == '='))
    {
      out->text = start;
      out->len = len;
      return TRUE;
    }

  g_string_truncate (self->scratch, 0);
  g_string_append_len (self->scratch, start, len);
  for (;;)
    {
      GString *s = self->scratch;

      if (qp && s->len > 0 && s->str[s->len - 1] == '=' && self->pos < self->len)
        {
          g_string_truncate (s, s->len - 1);
          read_physical_line (self, &start, &len);
          g_string_append_len (s, start, len);
        }
      else if (next_line_is_folded (self))
        {
          read_physical_line (self, &start, &len);
          if (self->version != 21)
            {
              start++;
              len--;
            }
          g_string_append_len (s, start, len);
        }
      else
        break;
    }

  out->text = self->scratch->str;
  out->len = self->scratch->len;
  return TRUE;
}

/* ------------------------------------------------------------ properties */

static void
apply_type (Params     *params,
            const char *token,
            gsize       len)
{
  static const struct
  {
    const char *name;
    guint       type;
  } types[] = {
    { "HOME", D360_CONTACT_FIELD_HOME },
    { "WORK", D360_CONTACT_FIELD_WORK },
    { "CELL", D360_CONTACT_FIELD_CELL },
    { "MOBILE", D360_CONTACT_FIELD_CELL },
    { "FAX", D360_CONTACT_FIELD_FAX },
    { "OTHER", D360_CONTACT_FIELD_OTHER },
    { "PREF", D360_CONTACT_FIELD_PREF },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (span_equal (token, len, types[i].name))
      {
        params->types |= types[i].type;
        return;
      }
}

/* TYPE=a,b and TYPE="a,b" (4.0) */
static void
apply_type_list (Params     *params,
                 const char *value,
                 gsize       len)
{
  gsize start = 0;

  for (gsize i = 0; i <= len; i++)
    if (i == len || value[i] == ',' || value[i] == '"')
      {
        if (i > start)
          apply_type (params, value + start, i - start);
        start = i + 1;
      }
}

static void
apply_encoding (Params     *params,
                const char *value,
                gsize       len)
{
  if (span_equal (value, len, "QUOTED-PRINTABLE"))
    params->encoding = ENCODING_QUOTED_PRINTABLE;
  else if (span_equal (value, len, "BASE64") || span_equal (value, len, "B"))
    params->encoding = ENCODING_BASE64;
}

static void
apply_param (Params     *params,
             const char *name,
             gsize       name_len,
             const char *value,
             gsize       value_len)
{
  if (value_len >= 2 && value[0] == '"' && value[value_len - 1] == '"')
    {
      value++;
      value_len -= 2;
    }

  if (span_equal (name, name_len, "TYPE"))
    apply_type_list (params, value, value_len);
  else if (span_equal (name, name_len, "ENCODING"))
    apply_encoding (params, value, value_len);
  else if (span_equal (name, name_len, "CHARSET"))
    {
      params->charset = value;
      params->charset_len = value_len;
    }
  else if (span_equal (name, name_len, "PREF"))
    {
      /* 4.0: 1 is the most preferred of 1 to 100 */
      if (span_equal (value, value_len, "1"))
        params->types |= D360_CONTACT_FIELD_PREF;
    }
  else if (span_equal (name, name_len, "X-APPLE-OMIT-YEAR"))
    {
      params->omit_year = value;
      params->omit_year_len = value_len;
    }
}

/* 2.1: "TEL;WORK;VOICE:", "NOTE;QUOTED-PRINTABLE:" */
static void
apply_bare_param (Params     *params,
                  const char *name,
                  gsize       len)
{
  if (span_equal (name, len, "QUOTED-PRINTABLE") || span_equal (name, len, "BASE64"))
    apply_encoding (params, name, len);
  else
    apply_type (params, name, len);
}

/* Splits "group.NAME;param=value;…:value". */
static gboolean
parse_property (const char *text,
                gsize       len,
                Property   *prop)
{
  const char *end = text + len;
  const char *p = text;
  const char *name = text;

  memset (prop, 0, sizeof *prop);

  for (; p < end && *p != ';' && *p != ':'; p++)
    {
      if (*p == '.' && p > name)
        {
          prop->group = text;
          prop->group_len = p - text;
          name = p + 1;
        }
      else if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return FALSE;
    }
  if (p == end || p == name)
    return FALSE;
  prop->name = name;
  prop->name_len = p - name;

  while (*p == ';')
    {
      const char *param = ++p;
      const char *param_name_end;

      while (p < end && *p != '=' && *p != ';' && *p != ':')
        p++;
      if (p == end)
        return FALSE;
      param_name_end = p;

      if (*p == '=')
        {
          const char *value = ++p;
          gboolean quoted = FALSE;

          while (p < end && (quoted || (*p != ';' && *p != ':')))
            {
              if (*p == '"')
                quoted = !quoted;
              p++;
            }
          if (p == end)
            return FALSE;
          apply_param (&prop->params, param, param_name_end - param, value, p - value);
        }
      else if (param_name_end > param)
        apply_bare_param (&prop->params, param, param_name_end - param);
    }

  g_assert (*p == ':');
  prop->value = p + 1;
  prop->value_len = end - (p + 1);
  return TRUE;
}

static PropertyKind
property_kind (const Property *prop)
{
  for (guint i = 0; i < G_N_ELEMENTS (property_names); i++)
    if (span_equal (prop->name, prop->name_len, property_names[i].name))
      return property_names[i].kind;
  return PROPERTY_UNKNOWN;
}

/* ------------------------------------------------------------ values */

static char *
decode_quoted_printable (const char *text,
                         gsize       len,
                         gsize      *out_len)
{
  char *out = g_malloc (len + 1);
  char *o = out;

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '=' && i + 2 < len && g_ascii_isxdigit (text[i + 1]) &&
          g_ascii_isxdigit (text[i + 2]))
        {
          *o++ = (char) (g_ascii_xdigit_value (text[i + 1]) << 4 |
                         g_ascii_xdigit_value (text[i + 2]));
          i += 2;
        }
      else if (text[i] == '=' && i + 1 == len)
        break;  /* a soft line break at the very end */
      else
        *o++ = text[i];
    }

  *o = '\0';
  *out_len = o - out;
  return out;
}

static gboolean
charset_is_utf8 (const char *charset,
                 gsize       len)
{
  return span_equal (charset, len, "UTF-8") || span_equal (charset, len, "UTF8") ||
         span_equal (charset, len, "US-ASCII");
}

/* The value as UTF-8, still escaped; NULL after reporting a problem. */
static const char *
decode_value (Parser         *self,
              const Property *prop,
              guint           line,
              gsize          *len,
              char          **owned)
{
  const char *value = prop->value;
  gsize value_len = prop->value_len;

  *owned = NULL;
  if (prop->params.encoding == ENCODING_QUOTED_PRINTABLE)
    {
      *owned = decode_quoted_printable (value, value_len, &value_len);
      value = *owned;
    }
  else if (prop->params.encoding == ENCODING_BASE64)
    {
      g_autofree char *encoded = g_strndup (value, value_len);
      gsize decoded_len = 0;
      guchar *decoded = g_base64_decode (encoded, &decoded_len);

      *owned = g_realloc (decoded, decoded_len + 1);
      (*owned)[decoded_len] = '\0';
      value = *owned;
      value_len = decoded_len;
    }

  if (prop->params.charset != NULL && !charset_is_utf8 (prop->params.charset,
                                                        prop->params.charset_len))
    {
      g_autofree char *charset = g_strndup (prop->params.charset, prop->params.charset_len);
      gsize written = 0;
      char *converted = NULL;
      /* Opened here rather than by g_convert(), which tells an unknown
       * character set by errno: glibc leaves a different one the first time
       * it looks one up, and the same file read twice gave two reasons. */
      GIConv converter = g_iconv_open ("UTF-8", charset);

      if (converter != (GIConv) -1)
        {
          converted = g_convert_with_iconv (value, value_len, converter, NULL, &written, NULL);
          g_iconv_close (converter);
        }
      if (converted == NULL)
        {
          /* the name goes into a sentence for the user: it must be UTF-8 too */
          g_autofree char *shown = g_utf8_make_valid (charset, -1);

          if (converter == (GIConv) -1)
            d360_problem_add (self->problems, line, FALSE,
                              _("The character set “%s” is not known; this line was skipped."),
                              shown);
          else
            d360_problem_add (self->problems, line, FALSE,
                              _("This line is not valid %s text; it was skipped."), shown);
          g_clear_pointer (owned, g_free);
          return NULL;
        }
      g_free (*owned);
      *owned = converted;
      value = converted;
      value_len = written;
    }
  else if ((!self->valid_utf8 || *owned != NULL) && !g_utf8_validate_len (value, value_len, NULL))
    {
      d360_problem_add (self->problems, line, FALSE,
                        _("This line is not valid UTF-8 text; it was skipped."));
      g_clear_pointer (owned, g_free);
      return NULL;
    }

  *len = value_len;
  return value;
}

/* Unescapes a text value: "\n" and "\N" are a line break; "\,", "\;", "\:"
 * and "\\" the character itself. An unescaped ',' becomes @comma when given
 * (a list inside a structured component). Returns the value without
 * surrounding white space, or NULL when that is empty. */
static char *
unescape (const char *text,
          gsize       len,
          const char *comma)
{
  gsize comma_len = comma != NULL ? strlen (comma) : 1;
  char *out = g_malloc (len * MAX (comma_len, 1) + 1);
  char *o = out;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      /* a CR is dropped wherever it is, also after a backslash, so that what
       * the writer escapes comes back the same */
      if (c == '\r')
        continue;
      if (c == '\\' && i + 1 < len && text[i + 1] != '\r')
        {
          c = text[++i];
          if (c == 'n' || c == 'N')
            *o++ = '\n';
          else if (c == ',' || c == ';' || c == ':' || c == '\\')
            *o++ = c;
          else
            {
              *o++ = '\\';
              *o++ = c;
            }
        }
      else if (c == ',' && comma != NULL)
        {
          memcpy (o, comma, comma_len);
          o += comma_len;
        }
      else
        *o++ = c;
    }
  *o = '\0';

  g_strstrip (out);
  if (*out == '\0')
    g_clear_pointer (&out, g_free);
  return out;
}

/* Splits at each unescaped @separator, into at most @max parts: the last
 * takes the rest. Returns the number of parts. */
static guint
split_escaped (const char *text,
               gsize       len,
               char        separator,
               Span       *parts,
               guint       max)
{
  guint n = 0;
  gsize start = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\\')
        i++;
      else if (text[i] == separator && n + 1 < max)
        {
          parts[n].text = text + start;
          parts[n].len = i - start;
          n++;
          start = i + 1;
        }
    }
  parts[n].text = text + start;
  parts[n].len = len - start;
  return n + 1;
}

static void
set_once (char **field,
          char  *value)
{
  if (*field == NULL)
    *field = value;
  else
    g_free (value);
}

static char *
join_nonempty (const char *separator,
               char       *first,
               char       *second,
               char       *third)
{
  char *parts[4] = { NULL };
  guint n = 0;

  if (first != NULL)
    parts[n++] = first;
  if (second != NULL)
    parts[n++] = second;
  if (third != NULL)
    parts[n++] = third;
  return n > 0 ? g_strjoinv (separator, parts) : NULL;
}

/* ------------------------------------------------------------ cards */

static void
grouped_field_clear (gpointer data)
{
  GroupedField *grouped = data;

  g_free (grouped->group);
}

static void
group_label_clear (gpointer data)
{
  GroupLabel *label = data;

  g_free (label->group);
  g_free (label->label);
}

static void
remember_group (Parser         *self,
                const Property *prop,
                GPtrArray      *fields)
{
  GroupedField grouped;

  if (prop->group == NULL)
    return;

  grouped.field = g_ptr_array_index (fields, fields->len - 1);
  grouped.group = g_strndup (prop->group, prop->group_len);
  g_array_append_val (self->grouped, grouped);
}

/* Apple writes its own labels as "_$!<Mobile>!$_". */
static void
remember_label (Parser         *self,
                const Property *prop,
                char           *label)
{
  GroupLabel entry;
  gsize len;

  if (prop->group == NULL || label == NULL)
    {
      g_free (label);
      return;
    }

  len = strlen (label);
  if (len > 8 && g_str_has_prefix (label, "_$!<") && g_str_has_suffix (label, ">!$_"))
    {
      memmove (label, label + 4, len - 8);
      label[len - 8] = '\0';
    }

  entry.group = g_strndup (prop->group, prop->group_len);
  entry.label = label;
  g_array_append_val (self->labels, entry);
}

/* Gives each grouped field the first label of its group. A table, since a
 * card may have many groups. */
static void
apply_labels (Parser *self)
{
  g_autoptr(GHashTable) by_group = NULL;

  if (self->grouped->len == 0 || self->labels->len == 0)
    return;

  by_group = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint j = 0; j < self->labels->len; j++)
    {
      GroupLabel *label = &g_array_index (self->labels, GroupLabel, j);
      char *key = g_ascii_strdown (label->group, -1);

      if (g_hash_table_contains (by_group, key))
        g_free (key);
      else
        g_hash_table_insert (by_group, key, label->label);
    }

  for (guint i = 0; i < self->grouped->len; i++)
    {
      GroupedField *grouped = &g_array_index (self->grouped, GroupedField, i);
      g_autofree char *key = NULL;
      const char *label;

      if (grouped->field->label != NULL)
        continue;
      key = g_ascii_strdown (grouped->group, -1);
      label = g_hash_table_lookup (by_group, key);
      if (label != NULL)
        grouped->field->label = g_strdup (label);
    }
}

static void
start_card (Parser *self,
            guint   line)
{
  g_assert (self->card == NULL);

  self->card = d360_parsed_contact_new ();
  self->card->line = line;
  self->card_line = line;
  self->version = 30;
  self->card_has_pref_address = FALSE;
  g_string_truncate (self->note, 0);
  g_array_set_size (self->grouped, 0);
  g_array_set_size (self->labels, 0);
}

static void
drop_card (Parser *self)
{
  g_clear_pointer (&self->card, d360_parsed_contact_free);
  g_string_truncate (self->note, 0);
  g_array_set_size (self->grouped, 0);
  g_array_set_size (self->labels, 0);
  self->version = 30;
}

static void
finish_card (Parser *self)
{
  D360ParsedContact *card = self->card;

  apply_labels (self);
  if (self->note->len > 0)
    card->note = g_strndup (self->note->str, self->note->len);
  d360_parsed_contact_get_display_name (card);
  if (d360_parsed_contact_is_empty (card))
    {
      d360_problem_add (self->problems, self->card_line, TRUE,
                        _("This card has no name, email address or phone number; "
                          "it was left out."));
      drop_card (self);
      return;
    }

  g_ptr_array_add (self->contacts, g_steal_pointer (&self->card));
  drop_card (self);
}

static void
report_garbage (Parser *self)
{
  if (self->garbage_line == 0)
    return;

  d360_problem_add (self->problems, self->garbage_line, FALSE,
                    _("Text outside a card was ignored."));
  self->garbage_line = 0;
}

static void
read_address (Parser         *self,
              const Property *prop,
              const char     *value,
              gsize           len)
{
  D360ParsedContact *card = self->card;
  gboolean pref = (prop->params.types & D360_CONTACT_FIELD_PREF) != 0;
  D360PostalAddress *address;
  Span parts[7] = { { NULL, 0 } };
  char *street, *extended, *po_box;
  guint n;

  if (card->address != NULL && (!pref || self->card_has_pref_address))
    return;

  n = split_escaped (value, len, ';', parts, G_N_ELEMENTS (parts));
  address = g_new0 (D360PostalAddress, 1);
  po_box = n > 0 ? unescape (parts[0].text, parts[0].len, ", ") : NULL;
  extended = n > 1 ? unescape (parts[1].text, parts[1].len, ", ") : NULL;
  street = n > 2 ? unescape (parts[2].text, parts[2].len, ", ") : NULL;
  address->street = join_nonempty (", ", street, extended, po_box);
  g_free (street);
  g_free (extended);
  g_free (po_box);
  if (n > 3)
    address->locality = unescape (parts[3].text, parts[3].len, ", ");
  if (n > 4)
    address->region = unescape (parts[4].text, parts[4].len, ", ");
  if (n > 5)
    address->postal_code = unescape (parts[5].text, parts[5].len, ", ");
  if (n > 6)
    address->country = unescape (parts[6].text, parts[6].len, ", ");

  if (address->street == NULL && address->locality == NULL && address->region == NULL &&
      address->postal_code == NULL && address->country == NULL)
    {
      g_free (address);
      return;
    }

  if (card->address != NULL)
    {
      D360PostalAddress *old = card->address;

      g_free (old->street);
      g_free (old->locality);
      g_free (old->region);
      g_free (old->postal_code);
      g_free (old->country);
      g_free (old);
    }
  card->address = address;
  self->card_has_pref_address = pref;
}

static void
read_name (Parser     *self,
           const char *value,
           gsize       len)
{
  D360ParsedContact *card = self->card;
  Span parts[5] = { { NULL, 0 } };
  g_autofree char *given = NULL;
  g_autofree char *additional = NULL;
  guint n;

  if (card->family_name != NULL || card->given_name != NULL)
    return;

  n = split_escaped (value, len, ';', parts, G_N_ELEMENTS (parts));
  card->family_name = unescape (parts[0].text, parts[0].len, " ");
  if (n > 1)
    given = unescape (parts[1].text, parts[1].len, " ");
  if (n > 2)
    additional = unescape (parts[2].text, parts[2].len, " ");
  card->given_name = join_nonempty (" ", given, additional, NULL);
  if (n > 3)
    set_once (&card->honorific, unescape (parts[3].text, parts[3].len, " "));
}

static void
read_birthday (Parser         *self,
               const Property *prop,
               guint           line,
               const char     *value,
               gsize           len)
{
  g_autofree char *text = unescape (value, len, NULL);
  char *normalized = NULL;

  if (text == NULL || self->card->birthday != NULL)
    return;

  if (!d360_normalize_birthday (text, &normalized))
    {
      d360_problem_add (self->problems, line, FALSE,
                        _("The birthday “%s” is not a date; it was skipped."), text);
      return;
    }

  /* Apple: "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15" has no year. */
  if (normalized != NULL && prop->params.omit_year != NULL &&
      prop->params.omit_year_len == 4 && normalized[0] != '-' &&
      strncmp (normalized, prop->params.omit_year, 4) == 0)
    {
      char *without_year = g_strconcat ("--", normalized + 5, NULL);

      g_free (normalized);
      normalized = without_year;
    }

  self->card->birthday = normalized;
}

static void
read_property (Parser         *self,
               const Property *prop,
               PropertyKind    kind,
               guint           line)
{
  D360ParsedContact *card = self->card;
  g_autofree char *owned = NULL;
  const char *value;
  gsize len = 0;

  value = decode_value (self, prop, line, &len, &owned);
  if (value == NULL)
    return;

  switch (kind)
    {
    case PROPERTY_VERSION:
      if (span_equal (value, len, "2.1"))
        self->version = 21;
      else if (span_equal (value, len, "4.0"))
        self->version = 40;
      else
        self->version = 30;
      break;

    case PROPERTY_FN:
      set_once (&card->full_name, unescape (value, len, NULL));
      break;

    case PROPERTY_N:
      read_name (self, value, len);
      break;

    case PROPERTY_ORG:
      {
        Span parts[2];

        split_escaped (value, len, ';', parts, G_N_ELEMENTS (parts));
        set_once (&card->organization, unescape (parts[0].text, parts[0].len, NULL));
      }
      break;

    case PROPERTY_TITLE:
      set_once (&card->job_title, unescape (value, len, NULL));
      break;

    case PROPERTY_ROLE:
      set_once (&card->role, unescape (value, len, NULL));
      break;

    case PROPERTY_EMAIL:
    case PROPERTY_TEL:
      {
        g_autofree char *text = unescape (value, len, NULL);
        const char *address = text;

        if (text == NULL)
          break;
        if (kind == PROPERTY_EMAIL)
          {
            if (g_ascii_strncasecmp (address, "mailto:", 7) == 0)
              address = g_strchug (text + 7);
            if (*address == '\0')   /* "mailto:" and nothing */
              break;
            d360_parsed_contact_add_email (card, address, prop->params.types, NULL);
            remember_group (self, prop, card->emails);
          }
        else
          {
            if (g_ascii_strncasecmp (address, "tel:", 4) == 0)
              address = g_strchug (text + 4);
            if (*address == '\0')
              break;
            d360_parsed_contact_add_phone (card, address, prop->params.types, NULL);
            remember_group (self, prop, card->phones);
          }
      }
      break;

    case PROPERTY_ADR:
      read_address (self, prop, value, len);
      break;

    case PROPERTY_NOTE:
      {
        g_autofree char *note = unescape (value, len, NULL);

        /* joined in a GString: a card with many NOTE lines stays linear */
        if (note != NULL && self->note->len > 0)
          g_string_append_c (self->note, '\n');
        if (note != NULL)
          g_string_append (self->note, note);
      }
      break;

    case PROPERTY_CATEGORIES:
      {
        gsize start = 0;

        for (gsize i = 0; i <= len; i++)
          {
            if (i < len && value[i] == '\\')
              i++;
            else if (i == len || value[i] == ',')
              {
                g_autofree char *category = unescape (value + start, i - start, NULL);

                if (category != NULL && !d360_is_system_group (category))
                  d360_string_list_add (card->categories, category, -1);
                start = i + 1;
              }
          }
      }
      break;

    case PROPERTY_LANG:
      {
        g_autofree char *language = unescape (value, len, NULL);

        if (language != NULL)
          d360_string_list_add (card->languages, language, -1);
      }
      break;

    case PROPERTY_BDAY:
      read_birthday (self, prop, line, value, len);
      break;

    case PROPERTY_UID:
      set_once (&card->uid, unescape (value, len, NULL));
      break;

    case PROPERTY_URL:
      set_once (&card->website, unescape (value, len, NULL));
      break;

    case PROPERTY_AB_LABEL:
      remember_label (self, prop, unescape (value, len, NULL));
      break;

    case PROPERTY_UNKNOWN:
    case PROPERTY_BEGIN:
    case PROPERTY_END:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
value_is_vcard (const Property *prop)
{
  const char *value = prop->value;
  gsize len = prop->value_len;

  while (len > 0 && g_ascii_isspace (value[len - 1]))
    len--;
  while (len > 0 && g_ascii_isspace (value[0]))
    {
      value++;
      len--;
    }
  return span_equal (value, len, "VCARD");
}

static void
read_line (Parser            *self,
           const LogicalLine *line)
{
  Property prop;
  PropertyKind kind;

  self->card_just_ended = FALSE;
  if (line->skipped)
    {
      if (self->card == NULL && self->garbage_line == 0)
        self->garbage_line = line->line;
      return;
    }

  if (d360_text_is_blank (line->text, line->len))
    return;

  if (!parse_property (line->text, line->len, &prop))
    {
      if (self->card != NULL)
        d360_problem_add (self->problems, line->line, FALSE,
                          _("This line is not a vCard property; it was skipped."));
      else if (self->garbage_line == 0)
        self->garbage_line = line->line;
      return;
    }

  kind = property_kind (&prop);
  if (kind == PROPERTY_BEGIN && value_is_vcard (&prop))
    {
      report_garbage (self);
      if (self->card != NULL)
        {
          d360_problem_add (self->problems, self->card_line, TRUE,
                            _("This card has no END:VCARD line; it was left out."));
          drop_card (self);
        }
      self->seen_begin = TRUE;
      start_card (self, line->line);
    }
  else if (kind == PROPERTY_END && value_is_vcard (&prop))
    {
      if (self->card != NULL)
        {
          finish_card (self);
          self->card_just_ended = TRUE;
        }
      else
        d360_problem_add (self->problems, line->line, FALSE,
                          _("END:VCARD without a BEGIN:VCARD was ignored."));
    }
  else if (self->card == NULL)
    {
      if (self->garbage_line == 0)
        self->garbage_line = line->line;
    }
  else if (kind != PROPERTY_UNKNOWN && kind != PROPERTY_BEGIN && kind != PROPERTY_END)
    read_property (self, &prop, kind, line->line);
}

/* ------------------------------------------------------------ writing */

static void
append_escaped (GString    *out,
                const char *text)
{
  if (text == NULL)
    return;

  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          if (p[1] != '\n')
            g_string_append (out, "\\n");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

/* Folds at 75 octets (RFC 6350 §3.2), never inside a UTF-8 sequence, and
 * ends the line with CRLF. */
static void
append_folded (GString    *out,
               const char *line,
               gsize       len)
{
  gsize limit = FOLD_OCTETS;

  while (len > limit)
    {
      gsize cut = limit;

      while (cut > 0 && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      if (cut == 0)
        cut = limit;
      g_string_append_len (out, line, cut);
      g_string_append (out, "\r\n ");
      line += cut;
      len -= cut;
      limit = FOLD_OCTETS - 1;
    }
  g_string_append_len (out, line, len);
  g_string_append (out, "\r\n");
}

static void
flush_line (GString *out,
            GString *line)
{
  append_folded (out, line->str, line->len);
  g_string_truncate (line, 0);
}

static void
write_text_property (GString    *out,
                     GString    *line,
                     const char *name,
                     const char *value)
{
  if (value == NULL || *value == '\0')
    return;

  g_string_append (line, name);
  g_string_append_c (line, ':');
  append_escaped (line, value);
  flush_line (out, line);
}

static void
append_types (GString          *line,
              guint             types,
              gboolean          is_email,
              D360VCardVersion  version)
{
  static const struct
  {
    guint       type;
    const char *name;
  } names[] = {
    { D360_CONTACT_FIELD_HOME, "home" },
    { D360_CONTACT_FIELD_WORK, "work" },
    { D360_CONTACT_FIELD_CELL, "cell" },
    { D360_CONTACT_FIELD_FAX, "fax" },
    { D360_CONTACT_FIELD_OTHER, "other" },
  };
  gboolean first = TRUE;

  if (version == D360_VCARD_VERSION_3_0 && is_email)
    {
      g_string_append (line, ";TYPE=INTERNET");
      first = FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *upper = NULL;

      if ((types & names[i].type) == 0)
        continue;
      g_string_append (line, first ? ";TYPE=" : ",");
      if (version == D360_VCARD_VERSION_3_0)
        {
          upper = g_ascii_strup (names[i].name, -1);
          g_string_append (line, upper);
        }
      else
        g_string_append (line, names[i].name);
      first = FALSE;
    }

  if (types & D360_CONTACT_FIELD_PREF)
    {
      if (version == D360_VCARD_VERSION_4_0)
        g_string_append (line, ";PREF=1");
      else
        g_string_append (line, first ? ";TYPE=PREF" : ",PREF");
    }
}

static void
write_fields (GString          *out,
              GString          *line,
              GPtrArray        *fields,
              const char       *name,
              gboolean          is_email,
              D360VCardVersion  version,
              guint            *item)
{
  for (guint i = 0; i < fields->len; i++)
    {
      D360ContactField *field = g_ptr_array_index (fields, i);
      g_autofree char *group = NULL;

      if (field->value == NULL || *field->value == '\0')
        continue;

      if (field->label != NULL && *field->label != '\0')
        {
          group = g_strdup_printf ("item%u.", ++*item);
          g_string_append (line, group);
        }
      g_string_append (line, name);
      append_types (line, field->types, is_email, version);
      g_string_append_c (line, ':');
      append_escaped (line, field->value);
      flush_line (out, line);

      if (group != NULL)
        {
          g_string_append (line, group);
          g_string_append (line, "X-ABLabel:");
          append_escaped (line, field->label);
          flush_line (out, line);
        }
    }
}

static void
write_birthday (GString          *out,
                GString          *line,
                const char       *birthday,
                D360VCardVersion  version)
{
  g_autofree char *normalized = NULL;

  if (birthday == NULL || !d360_normalize_birthday (birthday, &normalized) || normalized == NULL)
    return;

  g_string_append (line, "BDAY:");
  if (version == D360_VCARD_VERSION_3_0)
    g_string_append (line, normalized);
  else if (normalized[0] == '-')
    g_string_append_printf (line, "--%.2s%.2s", normalized + 2, normalized + 5);
  else
    g_string_append_printf (line, "%.4s%.2s%.2s", normalized, normalized + 5, normalized + 8);
  flush_line (out, line);
}

static void
write_card (GString           *out,
            GString           *line,
            D360ParsedContact *contact,
            D360VCardVersion   version)
{
  const char *display_name = d360_parsed_contact_get_display_name (contact);
  guint item = 0;

  g_string_append (out, "BEGIN:VCARD\r\n");
  g_string_append (out, version == D360_VCARD_VERSION_4_0 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n");

  /* FN is required by both versions, N by 3.0 */
  g_string_append (line, "FN:");
  append_escaped (line, display_name);
  flush_line (out, line);

  if (version == D360_VCARD_VERSION_3_0 || contact->family_name != NULL ||
      contact->given_name != NULL || contact->honorific != NULL)
    {
      g_string_append (line, "N:");
      append_escaped (line, contact->family_name);
      g_string_append_c (line, ';');
      append_escaped (line, contact->given_name);
      g_string_append (line, ";;");
      append_escaped (line, contact->honorific);
      g_string_append_c (line, ';');
      flush_line (out, line);
    }

  write_text_property (out, line, "ORG", contact->organization);
  write_text_property (out, line, "TITLE", contact->job_title);
  write_text_property (out, line, "ROLE", contact->role);
  write_fields (out, line, contact->emails, "EMAIL", TRUE, version, &item);
  write_fields (out, line, contact->phones, "TEL", FALSE, version, &item);

  if (contact->address != NULL)
    {
      D360PostalAddress *address = contact->address;

      g_string_append (line, "ADR:;;");
      append_escaped (line, address->street);
      g_string_append_c (line, ';');
      append_escaped (line, address->locality);
      g_string_append_c (line, ';');
      append_escaped (line, address->region);
      g_string_append_c (line, ';');
      append_escaped (line, address->postal_code);
      g_string_append_c (line, ';');
      append_escaped (line, address->country);
      flush_line (out, line);
    }

  write_text_property (out, line, "NOTE", contact->note);

  if (contact->categories != NULL && contact->categories->len > 0)
    {
      g_string_append (line, "CATEGORIES:");
      for (guint i = 0; i < contact->categories->len; i++)
        {
          if (i > 0)
            g_string_append_c (line, ',');
          append_escaped (line, g_ptr_array_index (contact->categories, i));
        }
      flush_line (out, line);
    }

  /* 3.0 has no LANG; an extension property keeps the languages for us. */
  for (guint i = 0; contact->languages != NULL && i < contact->languages->len; i++)
    write_text_property (out, line, version == D360_VCARD_VERSION_4_0 ? "LANG" : "X-D360-LANG",
                         g_ptr_array_index (contact->languages, i));

  write_birthday (out, line, contact->birthday, version);
  write_text_property (out, line, "URL", contact->website);
  write_text_property (out, line, "UID", contact->uid);
  g_string_append (out, "END:VCARD\r\n");
}

/* ------------------------------------------------------------ public */

/* From how many bytes d360_vcard_parse() reads a file in two halves. */
#define PARSE_IN_TWO (4 * 1024 * 1024)

/* Sets @self up to read the part [@from, @to) of @text, which begins on
 * line @first_line + 1. */
static void
parser_init (Parser     *self,
             const char *text,
             gsize       from,
             gsize       to,
             guint       first_line,
             char        eol,
             gboolean    valid_utf8)
{
  self->data = text;
  self->pos = from;
  self->len = to;
  self->line = first_line;
  self->eol = eol;
  self->valid_utf8 = valid_utf8;
  self->scratch = g_string_sized_new (256);
  self->note = g_string_sized_new (256);
  self->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) d360_parsed_contact_free);
  self->problems = d360_problems_new ();
  self->grouped = g_array_new (FALSE, FALSE, sizeof (GroupedField));
  g_array_set_clear_func (self->grouped, grouped_field_clear);
  self->labels = g_array_new (FALSE, FALSE, sizeof (GroupLabel));
  g_array_set_clear_func (self->labels, group_label_clear);
  self->version = 30;
}

static void
parser_clear (Parser *self)
{
  if (self->scratch != NULL)
    g_string_free (g_steal_pointer (&self->scratch), TRUE);
  if (self->note != NULL)
    g_string_free (g_steal_pointer (&self->note), TRUE);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->grouped, g_array_unref);
  g_clear_pointer (&self->labels, g_array_unref);
}

/* Reads the part's lines; @finish: and ends it as the end of the file. */
static void
parser_read (Parser   *self,
             gboolean  finish)
{
  LogicalLine line;

  while (read_logical_line (self, &line))
    read_line (self, &line);

  if (!finish)
    return;
  if (self->card != NULL)
    {
      d360_problem_add (self->problems, self->card_line, TRUE,
                        _("This card has no END:VCARD line; it was left out."));
      drop_card (self);
    }
  report_garbage (self);
}

static gpointer
parser_run (gpointer user_data)
{
  parser_read (user_data, TRUE);
  return NULL;
}

static guint
count_lines (const char *text,
             gsize       len,
             char        eol)
{
  guint n = 0;

  for (const char *p = text, *end = text + len; (p = memchr (p, eol, end - p)) != NULL; p++)
    n++;
  return n;
}

/* Where a file can be cut in two and each half read on its own, with the
 * same result: just after an "END:VCARD" line near the middle that ends a
 * card for sure (it is a line of its own, not the continuation of a folded
 * or quoted-printable line) and is followed by a "BEGIN:VCARD" line; 0 for
 * nowhere. The fuzzer checks that both ways read the same. */
static gsize
find_split (const char *text,
            gsize       len,
            char        eol)
{
  static const char end_line[] = "END:VCARD";
  const gsize end_len = sizeof end_line - 1;
  const char *p = text + len / 2;
  const char *limit = text + len;

  while ((p = memchr (p, eol, limit - p)) != NULL)
    {
      const char *line = p + 1;
      const char *next;
      gsize n;

      p = line;
      if ((gsize) (limit - line) < end_len || memcmp (line, end_line, end_len) != 0)
        continue;

      n = end_len;
      if (line + n < limit && line[n] == '\r' && eol == '\n')
        n++;
      if (line + n >= limit || line[n] != eol)
        continue;
      next = line + n + 1;
      if ((gsize) (limit - next) < 11 || memcmp (next, "BEGIN:VCARD", 11) != 0)
        continue;
      /* the line before must not go on into this one (quoted-printable) */
      if (line - 2 >= text && (line[-2] == '=' ||
                               (line[-2] == '\r' && line - 3 >= text && line[-3] == '=')))
        continue;

      return (gsize) (next - text);
    }

  return 0;
}

/**
 * d360_vcard_parse:
 * @data: the whole file
 * @problems: (out) (optional) (transfer full): the lines that could not be
 *   read, as #D360ParseProblem, in file order
 * @error: where a reason for refusing the whole file goes
 *
 * Reads every card of a vCard 2.1, 3.0 or 4.0 file. A card or line that
 * cannot be read becomes a problem with its line number, and the rest of the
 * file is still read. The file is refused (#D360_IMPORT_ERROR) only when it
 * is empty, binary or has no card at all.
 *
 * Returns: (transfer full) (element-type D360ParsedContact): the contacts, in
 *   file order, or %NULL with @error set
 */
GPtrArray *
d360_vcard_parse (GBytes     *data,
                  GPtrArray **problems,
                  GError    **error)
{
  return d360_vcard_parse_split (data, PARSE_IN_TWO, problems, error);
}

/**
 * d360_vcard_parse_split:
 * @split_from: from how many bytes to read the file in two halves
 *
 * d360_vcard_parse(), for the fuzzer, which compares both ways.
 */
GPtrArray *
d360_vcard_parse_split (GBytes     *data,
                        gsize       split_from,
                        GPtrArray **problems,
                        GError    **error)
{
  g_autofree char *owned = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) found_problems = NULL;
  Parser parts[2] = { { 0 } };
  GThread *thread = NULL;
  const char *text;
  gsize len, split;
  char eol;
  gboolean valid_utf8, seen_begin;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (problems != NULL)
    *problems = NULL;

  if (!d360_text_prepare (data, &text, &len, &owned))
    {
      g_set_error_literal (error, D360_IMPORT_ERROR, D360_IMPORT_ERROR_NOT_VCARD,
                           _("This is not a vCard file."));
      return NULL;
    }
  if (d360_text_is_blank (text, len))
    {
      g_set_error_literal (error, D360_IMPORT_ERROR, D360_IMPORT_ERROR_EMPTY,
                           _("The file is empty."));
      return NULL;
    }
  if (d360_text_has_nul (text, len))
    {
      g_set_error_literal (error, D360_IMPORT_ERROR, D360_IMPORT_ERROR_NOT_VCARD,
                           _("This is not a vCard file."));
      return NULL;
    }

  eol = memchr (text, '\n', len) == NULL && memchr (text, '\r', len) != NULL ? '\r' : '\n';
  valid_utf8 = g_utf8_validate_len (text, len, NULL);

  /* A large file is read in two halves side by side, split between two
   * cards (see find_split()); the second half in a thread of its own. */
  split = len >= split_from ? find_split (text, len, eol) : 0;
  if (split > 0)
    {
      parser_init (&parts[1], text, split, len, count_lines (text, split, eol), eol,
                   valid_utf8);
      thread = g_thread_new ("d360-vcard", parser_run, &parts[1]);
    }
  parser_init (&parts[0], text, 0, split > 0 ? split : len, 0, eol, valid_utf8);
  parser_read (&parts[0], split == 0);
  if (thread != NULL)
    g_thread_join (thread);

  /* The second half was read as from the start of a file: right only if
   * the first half ended as the start of a file is, its last card just
   * ended by its END:VCARD and nothing after it. Otherwise (an END:VCARD
   * inside a photo, say) the first reader goes on over the rest itself. */
  if (split > 0 && !(parts[0].card_just_ended && parts[0].card == NULL &&
                     parts[0].garbage_line == 0 && parts[0].pos == split))
    {
      parser_clear (&parts[1]);
      memset (&parts[1], 0, sizeof parts[1]);
      split = 0;
      parts[0].len = len;
      parser_read (&parts[0], TRUE);
    }

  contacts = g_steal_pointer (&parts[0].contacts);
  found_problems = g_steal_pointer (&parts[0].problems);
  if (split > 0)
    {
      g_ptr_array_extend_and_steal (contacts, g_steal_pointer (&parts[1].contacts));
      g_ptr_array_extend_and_steal (found_problems, g_steal_pointer (&parts[1].problems));
    }
  d360_problems_sort (found_problems);
  seen_begin = parts[0].seen_begin || parts[1].seen_begin;
  parser_clear (&parts[0]);
  parser_clear (&parts[1]);

  if (!seen_begin)
    {
      g_set_error_literal (error, D360_IMPORT_ERROR, D360_IMPORT_ERROR_NOT_VCARD,
                           _("This is not a vCard file."));
      return NULL;
    }

  if (problems != NULL)
    *problems = g_steal_pointer (&found_problems);
  return g_steal_pointer (&contacts);
}

/**
 * d360_vcard_write:
 * @contacts: (element-type D360ParsedContact): the contacts
 * @version: %D360_VCARD_VERSION_4_0, or %D360_VCARD_VERSION_3_0 for older programs
 *
 * Writes one card per contact: UTF-8, CRLF line ends, values escaped, lines
 * folded at 75 octets without splitting a character. Labels of email
 * addresses and phone numbers go into grouped X-ABLabel properties, as Apple
 * and Google write them; 3.0 has no LANG, so languages go into X-D360-LANG.
 *
 * Returns: (transfer full): the file's bytes
 */
GBytes *
d360_vcard_write (GPtrArray        *contacts,
                  D360VCardVersion  version)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (contacts != NULL, NULL);
  g_return_val_if_fail (version == D360_VCARD_VERSION_3_0 || version == D360_VCARD_VERSION_4_0,
                        NULL);

  out = g_string_sized_new (contacts->len * 320 + 64);
  d360_vcard_append (out, contacts, version);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/**
 * d360_vcard_append:
 * @out: the file being written
 * @contacts: (element-type D360ParsedContact): the next contacts
 *
 * Adds the cards of @contacts to @out, as d360_vcard_write() writes them: a
 * file written a batch at a time is the same as one written at once.
 */
void
d360_vcard_append (GString          *out,
                   GPtrArray        *contacts,
                   D360VCardVersion  version)
{
  g_autoptr(GString) line = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (contacts != NULL);
  g_return_if_fail (version == D360_VCARD_VERSION_3_0 || version == D360_VCARD_VERSION_4_0);

  line = g_string_sized_new (256);
  for (guint i = 0; i < contacts->len; i++)
    write_card (out, line, g_ptr_array_index (contacts, i), version);
}

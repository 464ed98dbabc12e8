/* d360-contact-io.c — contacts between the store and vCard or CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The readers and writers (d360-vcard.c, d360-csv.c) know files and nothing
 * of the store; the store knows D360Contact and nothing of files. This is
 * the glue: D360ParsedContact ⇄ D360Contact, the file's kind, and whole
 * imports and exports.
 *
 * Files name languages and countries as people write them: "ro", "en-GB",
 * "French", "română", "Rumänien". The store keeps ISO codes. The names are
 * matched against iso-codes in English (its JSON files), in the user's
 * language, and in the languages our users' address books are most often
 * written in (iso-codes' own catalogues, read directly, since gettext gives
 * one language at a time), folded for case and diacritics.
 */

#define G_LOG_DOMAIN "d360-contact-io"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "d360-atomic-file.h"
#include "d360-contact-io.h"
#include "d360-contact-private.h"
#include "d360-csv.h"
#include "d360-iso-codes.h"

/* Catalogues of iso-codes read besides the user's own language. */
static const char * const name_locales[] = { "ro", "fr", "de", "es", "it", "hu", "pt", "ru" };

/* Names iso-codes does not have, as people write them. */
static const struct { const char *name; const char *code; } country_aliases[] = {
  { "UK", "GB" }, { "U.K.", "GB" }, { "Great Britain", "GB" }, { "Britain", "GB" },
  { "England", "GB" }, { "Scotland", "GB" }, { "Wales", "GB" }, { "Northern Ireland", "GB" },
  { "Marea Britanie", "GB" }, { "Anglia", "GB" }, { "Regatul Unit", "GB" },
  { "USA", "US" }, { "U.S.A.", "US" }, { "U.S.", "US" }, { "America", "US" },
  { "SUA", "US" }, { "Statele Unite", "US" }, { "Statele Unite ale Americii", "US" },
  { "Holland", "NL" }, { "Olanda", "NL" }, { "Czech Republic", "CZ" }, { "Republica Cehă", "CZ" },
  { "Russia", "RU" }, { "Rusia", "RU" }, { "Turkey", "TR" }, { "Turcia", "TR" },
  { "Moldova", "MD" }, { "Republica Moldova", "MD" }, { "Macedonia", "MK" },
  { "South Korea", "KR" }, { "Coreea de Sud", "KR" }, { "Korea", "KR" },
  { "Vatican", "VA" }, { "Ivory Coast", "CI" },
};

static const struct { const char *name; const char *code; } language_aliases[] = {
  { "Greek", "el" }, { "greacă", "el" }, { "Moldovan", "ro" }, { "moldovenească", "ro" },
  { "Farsi", "fa" }, { "Mandarin", "zh" }, { "Chinese", "zh" }, { "Norwegian", "no" },
  { "Serbo-Croatian", "sh" },
};

/* ---------------------------------------------------------- name indexes */

typedef struct
{
  GHashTable *languages;          /* folded name → code (interned) */
  GHashTable *countries;          /* folded name → alpha-2 (interned) */
  GHashTable *language_alpha_3;   /* "ron", "rum" → "ro" */
  GHashTable *country_alpha_3;    /* "rou" → "RO" */
} NameIndex;

/* Lower case, without diacritics (so that cedilla ş and comma ș are one),
 * dots and repeated white space. */
static char *
fold_name (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  g_autoptr(GString) plain = NULL;
  gboolean space = FALSE;

  if (decomposed == NULL)
    return NULL;

  plain = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c) || c == '.')
        continue;
      if (g_unichar_isspace (c) || c == '_')
        {
          space = plain->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (plain, ' ');
      space = FALSE;
      g_string_append_unichar (plain, g_unichar_tolower (c));
    }

  return g_string_free (g_steal_pointer (&plain), FALSE);
}

/* The first code given for a name wins: English and the user's language
 * come first. */
static void
index_name (GHashTable *index,
            const char *name,
            const char *code)
{
  char *folded;
  const char *parenthesis;

  if (name == NULL || *name == '\0')
    return;

  folded = fold_name (name);
  if (folded == NULL || *folded == '\0' || g_hash_table_contains (index, folded))
    g_free (folded);
  else
    g_hash_table_insert (index, folded, (gpointer) g_intern_string (code));

  /* "Modern Greek (1453-)", "Malay (macrolanguage)" are also "Modern Greek", "Malay" */
  parenthesis = strstr (name, " (");
  if (parenthesis != NULL && parenthesis > name)
    {
      g_autofree char *before = g_strndup (name, parenthesis - name);

      index_name (index, before, code);
    }
}

/* A gettext catalogue (.mo) as msgid → msgstr, without contexts and plurals. */
static GHashTable *
read_catalogue (const char *path)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const guint8 *data;
  gsize size;
  guint32 magic, n, originals, translations;
  gboolean swap;

  if (file == NULL)
    return table;

  data = (const guint8 *) g_mapped_file_get_contents (file);
  size = g_mapped_file_get_length (file);
  if (size < 28)
    return table;

  memcpy (&magic, data, 4);
  if (magic != 0x950412de && magic != 0xde120495)
    return table;
  swap = magic != 0x950412de;

#define READ_U32(offset) \
  (swap ? GUINT32_SWAP_LE_BE (*(const guint32 *) (gconstpointer) (data + (offset))) \
        : *(const guint32 *) (gconstpointer) (data + (offset)))

  n = READ_U32 (8);
  originals = READ_U32 (12);
  translations = READ_U32 (16);
  if ((originals | translations) % 4 != 0 ||
      originals > size || translations > size ||
      n > (size - MAX (originals, translations)) / 8)
    return table;

  for (guint32 i = 0; i < n; i++)
    {
      guint32 key_len = READ_U32 (originals + 8 * i);
      guint32 key_at = READ_U32 (originals + 8 * i + 4);
      guint32 value_len = READ_U32 (translations + 8 * i);
      guint32 value_at = READ_U32 (translations + 8 * i + 4);

      if (key_at > size || key_len > size - key_at ||
          value_at > size || value_len > size - value_at ||
          key_len == 0 || value_len == 0 ||
          memchr (data + key_at, '\004', key_len) != NULL)
        continue;
      g_hash_table_insert (table,
                           g_strndup ((const char *) data + key_at, key_len),
                           g_strndup ((const char *) data + value_at, value_len));
    }
#undef READ_U32

  return table;
}

/* Indexes the names of @standard's entries, in iso-codes' order (the first
 * code to claim a name keeps it): their codes, their English names, their
 * names in the user's language, then in the other languages of
 * name_locales; the three-letter codes into @alpha_3_index. */
static void
index_standard (GHashTable      *index,
                GHashTable      *alpha_3_index,
                D360IsoStandard  standard,
                const char      *domain)
{
  g_autoptr(GPtrArray) catalogues = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  const GPtrArray *entries = d360_iso_codes_get (standard);
  const GPtrArray *in_file_order = d360_iso_codes_get_in_file_order (standard);

  for (guint i = 0; i < entries->len; i++)
    {
      const D360IsoEntry *entry = g_ptr_array_index (entries, i);

      index_name (index, entry->code, entry->code);
    }

  for (guint i = 0; i < G_N_ELEMENTS (name_locales); i++)
    {
      g_autofree char *path = g_strdup_printf (ISO_CODES_LOCALEDIR "/%s/LC_MESSAGES/%s.mo",
                                               name_locales[i], domain);

      g_ptr_array_add (catalogues, read_catalogue (path));
    }

  /* English first, then the user's language, then the others. */
  for (int pass = 0; pass < 3; pass++)
    for (guint i = 0; i < in_file_order->len; i++)
      {
        const D360IsoEntry *entry = g_ptr_array_index (in_file_order, i);

        if (pass == 0)
          {
            index_name (alpha_3_index, entry->alpha_3, entry->code);
            index_name (alpha_3_index, entry->bibliographic, entry->code);
          }

        /* Of the 7 000 languages of ISO 639-3, address books name the 180
         * or so that have a two-letter code; the others go by their codes. */
        if (standard == D360_ISO_LANGUAGES && strlen (entry->code) != 2)
          continue;

        for (guint k = 0; k < G_N_ELEMENTS (entry->names); k++)
          {
            const char *name = entry->names[k];

            if (name == NULL)
              continue;
            if (pass == 0)
              index_name (index, name, entry->code);
            else if (pass == 1)
              {
                const char *translated = g_dgettext (domain, name);

                if (translated != name)
                  index_name (index, translated, entry->code);
              }
            else
              for (guint c = 0; c < catalogues->len; c++)
                index_name (index, g_hash_table_lookup (catalogues->pdata[c], name), entry->code);
          }
      }
}

static NameIndex *
get_name_index (void)
{
  static NameIndex names;
  static gsize built = 0;

  if (g_once_init_enter (&built))
    {
      names.languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      names.countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      names.language_alpha_3 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      names.country_alpha_3 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      index_standard (names.languages, names.language_alpha_3, D360_ISO_LANGUAGES, "iso_639-3");
      index_standard (names.countries, names.country_alpha_3, D360_ISO_COUNTRIES, "iso_3166-1");
      for (guint i = 0; i < G_N_ELEMENTS (language_aliases); i++)
        if (d360_iso_codes_lookup (D360_ISO_LANGUAGES, language_aliases[i].code) != NULL)
          index_name (names.languages, language_aliases[i].name, language_aliases[i].code);
      for (guint i = 0; i < G_N_ELEMENTS (country_aliases); i++)
        index_name (names.countries, country_aliases[i].name, country_aliases[i].code);

      g_once_init_leave (&built, 1);
    }

  return &names;
}

/* What a file writes is mostly the same few words ("România", "English")
 * over and over: each is looked up once. */
typedef enum
{
  LOOKUP_LANGUAGE,
  LOOKUP_COUNTRY,
  LOOKUP_CATEGORY,
  N_LOOKUPS
} LookupKind;

#define LOOKUP_CACHE_LIMIT 4096

G_LOCK_DEFINE_STATIC (lookup_cache);
static GHashTable *lookup_caches[N_LOOKUPS];   /* text as written → result */

static gboolean
cache_lookup (LookupKind  kind,
              const char *text,
              gpointer   *result)
{
  gboolean found;

  G_LOCK (lookup_cache);
  found = lookup_caches[kind] != NULL &&
          g_hash_table_lookup_extended (lookup_caches[kind], text, NULL, result);
  G_UNLOCK (lookup_cache);
  return found;
}

static void
cache_store (LookupKind  kind,
             const char *text,
             gpointer    result)
{
  G_LOCK (lookup_cache);
  if (lookup_caches[kind] == NULL)
    lookup_caches[kind] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_size (lookup_caches[kind]) < LOOKUP_CACHE_LIMIT)
    g_hash_table_insert (lookup_caches[kind], g_strdup (text), result);
  G_UNLOCK (lookup_cache);
}

static gboolean
is_ascii_alpha (const char *text,
                gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalpha (text[i]))
      return FALSE;
  return len > 0;
}

static const char *
language_code (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *stripped = NULL;
  const char *code;
  gsize primary;

  stripped = g_strstrip (g_strdup (text));
  primary = strcspn (stripped, "-_");

  /* A language tag: "ro", "en-GB", "pt_BR", "sr-Latn-RS", "ron", "rum" */
  if ((primary == 2 || primary == 3) && is_ascii_alpha (stripped, primary))
    {
      g_autofree char *subtag = g_ascii_strdown (stripped, primary);
      const D360IsoEntry *entry = d360_iso_codes_lookup (D360_ISO_LANGUAGES, subtag);

      if (entry != NULL)
        return entry->code;
      code = g_hash_table_lookup (get_name_index ()->language_alpha_3, subtag);
      if (code != NULL)
        return code;
    }

  folded = fold_name (stripped);
  if (folded == NULL || *folded == '\0')
    return NULL;
  return g_hash_table_lookup (get_name_index ()->languages, folded);
}

static const char *
country_code (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *stripped = NULL;

  stripped = g_strstrip (g_strdup (text));
  if (strlen (stripped) == 2 && is_ascii_alpha (stripped, 2))
    {
      g_autofree char *upper = g_ascii_strup (stripped, 2);
      const D360IsoEntry *entry = d360_iso_codes_lookup (D360_ISO_COUNTRIES, upper);

      if (entry != NULL)
        return entry->code;
    }
  if (strlen (stripped) == 3 && is_ascii_alpha (stripped, 3))
    {
      g_autofree char *lower = g_ascii_strdown (stripped, 3);
      const char *code = g_hash_table_lookup (get_name_index ()->country_alpha_3, lower);

      if (code != NULL)
        return code;
    }

  folded = fold_name (stripped);
  if (folded == NULL || *folded == '\0')
    return NULL;
  return g_hash_table_lookup (get_name_index ()->countries, folded);
}

static const char *
cached_code (LookupKind   kind,
             const char  *text)
{
  gpointer result;
  const char *code;

  if (text == NULL)
    return NULL;
  if (cache_lookup (kind, text, &result))
    return result;

  code = kind == LOOKUP_LANGUAGE ? language_code (text) : country_code (text);
  cache_store (kind, text, (gpointer) code);
  return code;
}

/**
 * d360_contact_io_language_code:
 * @text: a language as a file writes it: a code, a language tag or a name
 *
 * Returns: (nullable): the ISO 639 code (alpha-2 where one exists), or %NULL
 */
const char *
d360_contact_io_language_code (const char *text)
{
  return cached_code (LOOKUP_LANGUAGE, text);
}

/**
 * d360_contact_io_country_code:
 * @text: a country as a file writes it: alpha-2, alpha-3 or a name
 *
 * Returns: (nullable): the ISO 3166-1 alpha-2 code, or %NULL
 */
const char *
d360_contact_io_country_code (const char *text)
{
  return cached_code (LOOKUP_COUNTRY, text);
}

/* ----------------------------------------------------------- conversion */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static const char *
nonblank (const char *text)
{
  return is_blank (text) ? NULL : text;
}

static void
add_problem (GPtrArray  *problems,
             guint       line,
             gboolean    rejected,
             char       *reason)
{
  D360ParseProblem *problem;

  if (problems == NULL)
    {
      g_free (reason);
      return;
    }

  problem = g_new0 (D360ParseProblem, 1);
  problem->line = line;
  problem->rejected = rejected;
  problem->reason = reason;
  g_ptr_array_add (problems, problem);
}

/* D360ContactFieldType and D360ChannelType have the same bits, but each
 * header is free to change its own. */
static guint
channel_types_from_field (guint field_types)
{
  guint types = 0;

  if (field_types & D360_CONTACT_FIELD_HOME)
    types |= D360_CHANNEL_HOME;
  if (field_types & D360_CONTACT_FIELD_WORK)
    types |= D360_CHANNEL_WORK;
  if (field_types & D360_CONTACT_FIELD_CELL)
    types |= D360_CHANNEL_CELL;
  if (field_types & D360_CONTACT_FIELD_FAX)
    types |= D360_CHANNEL_FAX;
  if (field_types & D360_CONTACT_FIELD_OTHER)
    types |= D360_CHANNEL_OTHER;
  if (field_types & D360_CONTACT_FIELD_PREF)
    types |= D360_CHANNEL_PREF;
  return types;
}

static guint
field_types_from_channel (guint channel_types)
{
  guint types = 0;

  if (channel_types & D360_CHANNEL_HOME)
    types |= D360_CONTACT_FIELD_HOME;
  if (channel_types & D360_CHANNEL_WORK)
    types |= D360_CONTACT_FIELD_WORK;
  if (channel_types & D360_CHANNEL_CELL)
    types |= D360_CONTACT_FIELD_CELL;
  if (channel_types & D360_CHANNEL_FAX)
    types |= D360_CONTACT_FIELD_FAX;
  if (channel_types & D360_CHANNEL_OTHER)
    types |= D360_CONTACT_FIELD_OTHER;
  if (channel_types & D360_CHANNEL_PREF)
    types |= D360_CONTACT_FIELD_PREF;
  return types;
}

/* A ROLE that names one of our categories ("Diplomat", "investor", or its
 * label in the user's language) sets the category, as an export writes it. */
static gboolean
category_from_role (const char   *role,
                    D360Category *category)
{
  gpointer result;

  if (!cache_lookup (LOOKUP_CATEGORY, role, &result))
    {
      g_autofree char *folded = fold_name (role);

      result = NULL;   /* the category + 1; NULL for none */
      for (int i = 0; folded != NULL && result == NULL && i < D360_N_CATEGORIES; i++)
        {
          g_autofree char *key = g_strdup (d360_category_to_key (i));
          g_autofree char *label = fold_name (d360_category_get_label (i));

          g_strdelimit (key, "-_", ' ');
          if (g_strcmp0 (folded, key) == 0 || g_strcmp0 (folded, label) == 0)
            result = GINT_TO_POINTER (i + 1);
        }
      cache_store (LOOKUP_CATEGORY, role, result);
    }

  if (result == NULL)
    return FALSE;
  *category = GPOINTER_TO_INT (result) - 1;
  return TRUE;
}

static char *
website_for_store (const char *website)
{
  g_autofree char *stripped = g_strstrip (g_strdup (website));

  if (g_ascii_strncasecmp (stripped, "http://", 7) == 0 ||
      g_ascii_strncasecmp (stripped, "https://", 8) == 0)
    return g_steal_pointer (&stripped);
  /* "www.primaria.ro": what people write on a card */
  if (strchr (stripped, ':') == NULL && strchr (stripped, ' ') == NULL &&
      strchr (stripped, '.') != NULL && stripped[0] != '.')
    return g_strconcat ("https://", stripped, NULL);
  return NULL;
}

/* A full name without its parts ("Ana Maria Popescu"): the last word is
 * the family name. */
static void
split_full_name (D360Contact *contact,
                 const char  *full_name)
{
  g_autofree char *name = g_strstrip (g_strdup (full_name));
  char *last_space = strrchr (name, ' ');

  if (last_space == NULL)
    {
      d360_contact_set_given_name (contact, name);
      return;
    }

  *last_space = '\0';
  d360_contact_set_given_name (contact, g_strchomp (name));
  d360_contact_set_family_name (contact, last_space + 1);
}

static void
add_channels (D360Contact *contact,
              GPtrArray   *fields,
              gboolean     emails,
              guint        line,
              GPtrArray   *problems)
{
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      const D360ContactField *field = g_ptr_array_index (fields, i);

      if (is_blank (field->value))
        continue;
      if (field->invalid)
        {
          add_problem (problems, line, FALSE,
                       g_strdup_printf (emails
                                        ? _("“%s” is not an email address; it was left out.")
                                        : _("“%s” is not a phone number; it was left out."),
                                        field->value));
          continue;
        }
      if (emails)
        d360_contact_add_email (contact, field->value,
                                channel_types_from_field (field->types), field->label);
      else
        d360_contact_add_phone (contact, field->value,
                                channel_types_from_field (field->types), field->label);
    }
}

static void
set_languages (D360Contact             *contact,
               const D360ParsedContact *parsed,
               GPtrArray               *problems)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();

  for (guint i = 0; parsed->languages != NULL && i < parsed->languages->len; i++)
    {
      const char *written = g_ptr_array_index (parsed->languages, i);
      const char *code = d360_contact_io_language_code (written);

      if (code == NULL)
        {
          if (!is_blank (written))
            add_problem (problems, parsed->line, FALSE,
                         g_strdup_printf (_("“%s” is not a language we know; it was left out."),
                                          written));
          continue;
        }
      if (!g_ptr_array_find_with_equal_func (codes, code, g_str_equal, NULL))
        g_ptr_array_add (codes, (gpointer) code);
    }

  if (codes->len > 0)
    {
      g_ptr_array_add (codes, NULL);
      d360_contact_set_languages (contact, (const char * const *) codes->pdata);
    }
}

static void
set_tags (D360Contact             *contact,
          const D360ParsedContact *parsed)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) keys = NULL;

  if (parsed->categories == NULL || parsed->categories->len == 0)
    return;

  tags = g_ptr_array_new_with_free_func (g_free);
  keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < parsed->categories->len; i++)
    {
      g_autofree char *tag = g_strstrip (g_strdup (g_ptr_array_index (parsed->categories, i)));
      g_autofree char *key = NULL;

      if (*tag == '\0')
        continue;
      key = g_utf8_casefold (tag, -1);
      if (g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
        continue;
      g_ptr_array_add (keys, g_steal_pointer (&key));
      g_ptr_array_add (tags, g_steal_pointer (&tag));
    }

  if (tags->len > 0)
    {
      g_ptr_array_add (tags, NULL);
      d360_contact_set_tags (contact, (const char * const *) tags->pdata);
    }
}

static void
set_address (D360Contact             *contact,
             const D360ParsedContact *parsed,
             GPtrArray               *problems)
{
  const D360PostalAddress *address = parsed->address;

  if (address == NULL)
    return;

  d360_contact_set_street (contact, nonblank (address->street));
  d360_contact_set_locality (contact, nonblank (address->locality));
  d360_contact_set_region (contact, nonblank (address->region));
  d360_contact_set_postal_code (contact, nonblank (address->postal_code));

  if (!is_blank (address->country))
    {
      const char *code = d360_contact_io_country_code (address->country);

      if (code == NULL)
        {
          add_problem (problems, parsed->line, FALSE,
                       g_strdup_printf (_("“%s” is not a country we know; it was left out."),
                                        address->country));
          return;
        }
      d360_contact_set_address_country (contact, code);
      /* A file has no other country for the person than where they live. */
      d360_contact_set_country (contact, code);
    }
}

/**
 * d360_contact_from_parsed:
 * @parsed: a card or row as read
 * @problems: (nullable) (element-type D360ParseProblem): where what was left
 *   out of a field goes
 *
 * Makes a contact ready for d360_store_import_contacts(): the organisation
 * goes by name (d360_contact_set_organization_name_for_import()), languages
 * and countries become ISO codes, categories tags, a ROLE that names a
 * category the category, any other ROLE part of the job title. The contact
 * is not validated.
 *
 * Returns: (transfer full): a new, unsaved contact
 */
D360Contact *
d360_contact_from_parsed (const D360ParsedContact *parsed,
                          GPtrArray               *problems)
{
  g_autoptr(D360Contact) contact = NULL;
  D360Category category = D360_CATEGORY_OTHER;
  const char *title, *role;

  g_return_val_if_fail (parsed != NULL, NULL);

  contact = d360_contact_new ();
  d360_contact_begin_building (contact);
  d360_contact_set_uid (contact, nonblank (parsed->uid));
  d360_contact_set_honorific (contact, nonblank (parsed->honorific));
  d360_contact_set_given_name (contact, nonblank (parsed->given_name));
  d360_contact_set_family_name (contact, nonblank (parsed->family_name));
  if (is_blank (parsed->given_name) && is_blank (parsed->family_name) &&
      !is_blank (parsed->full_name) &&
      g_strcmp0 (parsed->full_name, parsed->organization) != 0 &&
      strchr (parsed->full_name, '@') == NULL)
    split_full_name (contact, parsed->full_name);

  if (!is_blank (parsed->organization))
    {
      g_autofree char *organization = g_strstrip (g_strdup (parsed->organization));

      d360_contact_set_organization_name_for_import (contact, organization);
    }

  title = nonblank (parsed->job_title);
  role = nonblank (parsed->role);
  if (role != NULL && category_from_role (role, &category))
    role = NULL;
  d360_contact_set_category (contact, category);
  if (title != NULL && role != NULL && g_strcmp0 (title, role) != 0)
    {
      g_autofree char *both = g_strdup_printf ("%s, %s", title, role);

      d360_contact_set_job_title (contact, both);
    }
  else
    d360_contact_set_job_title (contact, title != NULL ? title : role);

  add_channels (contact, parsed->emails, TRUE, parsed->line, problems);
  add_channels (contact, parsed->phones, FALSE, parsed->line, problems);
  set_address (contact, parsed, problems);
  set_languages (contact, parsed, problems);
  set_tags (contact, parsed);
  d360_contact_set_notes (contact, nonblank (parsed->note));
  d360_contact_set_birthday (contact, nonblank (parsed->birthday));

  if (!is_blank (parsed->website))
    {
      g_autofree char *website = website_for_store (parsed->website);

      if (website == NULL)
        add_problem (problems, parsed->line, FALSE,
                     g_strdup_printf (_("“%s” is not a web address; it was left out."),
                                      parsed->website));
      d360_contact_set_website (contact, website);
    }

  d360_contact_end_building (contact);
  return g_steal_pointer (&contact);
}

static void
copy_channels (GPtrArray *channels,
               GPtrArray *fields)
{
  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      const D360Channel *channel = g_ptr_array_index (channels, i);
      D360ContactField *field;

      if (is_blank (channel->value))
        continue;
      field = g_new0 (D360ContactField, 1);
      field->value = g_strdup (channel->value);
      field->types = field_types_from_channel (channel->types);
      field->label = g_strdup (nonblank (channel->label));
      g_ptr_array_add (fields, field);
    }
}

static void
copy_strv (GPtrArray          *list,
           const char * const *values)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    g_ptr_array_add (list, g_strdup (values[i]));
}

/**
 * d360_contact_to_parsed:
 * @contact: a contact read from the store
 *
 * The contact as a file keeps it: the organisation by name, countries by
 * their names in the user's language, languages by code, tags as
 * categories, the category (unless "Other") as the ROLE.
 *
 * Returns: (transfer full): a new parsed contact, line 0
 */
D360ParsedContact *
d360_contact_to_parsed (D360Contact *contact)
{
  D360ParsedContact *parsed;
  D360Category category;

  g_return_val_if_fail (D360_IS_CONTACT (contact), NULL);

  parsed = d360_parsed_contact_new ();
  parsed->uid = g_strdup (nonblank (d360_contact_get_uid (contact)));
  parsed->honorific = g_strdup (nonblank (d360_contact_get_honorific (contact)));
  parsed->given_name = g_strdup (nonblank (d360_contact_get_given_name (contact)));
  parsed->family_name = g_strdup (nonblank (d360_contact_get_family_name (contact)));
  if (parsed->given_name != NULL || parsed->family_name != NULL)
    parsed->full_name = g_strdup (d360_contact_get_display_name (contact));
  parsed->organization = g_strdup (nonblank (d360_contact_get_organization_name (contact)));
  parsed->job_title = g_strdup (nonblank (d360_contact_get_job_title (contact)));
  category = d360_contact_get_category (contact);
  if (category != D360_CATEGORY_OTHER && category < D360_N_CATEGORIES)
    parsed->role = g_strdup (d360_category_get_label (category));

  copy_channels (d360_contact_get_emails (contact), parsed->emails);
  copy_channels (d360_contact_get_phones (contact), parsed->phones);

  if (nonblank (d360_contact_get_street (contact)) != NULL ||
      nonblank (d360_contact_get_locality (contact)) != NULL ||
      nonblank (d360_contact_get_region (contact)) != NULL ||
      nonblank (d360_contact_get_postal_code (contact)) != NULL ||
      nonblank (d360_contact_get_address_country (contact)) != NULL)
    {
      const char *country = nonblank (d360_contact_get_address_country (contact));
      const char *country_name = d360_iso_codes_get_name (D360_ISO_COUNTRIES, country);

      parsed->address = g_new0 (D360PostalAddress, 1);
      parsed->address->street = g_strdup (nonblank (d360_contact_get_street (contact)));
      parsed->address->locality = g_strdup (nonblank (d360_contact_get_locality (contact)));
      parsed->address->region = g_strdup (nonblank (d360_contact_get_region (contact)));
      parsed->address->postal_code = g_strdup (nonblank (d360_contact_get_postal_code (contact)));
      parsed->address->country = g_strdup (country_name != NULL ? country_name : country);
    }

  parsed->note = g_strdup (nonblank (d360_contact_get_notes (contact)));
  copy_strv (parsed->categories, d360_contact_get_tags (contact));
  copy_strv (parsed->languages, d360_contact_get_languages (contact));
  parsed->birthday = g_strdup (nonblank (d360_contact_get_birthday (contact)));
  parsed->website = g_strdup (nonblank (d360_contact_get_website (contact)));

  return parsed;
}

/* ---------------------------------------------------------------- files */

/**
 * d360_contact_file_free:
 * @file: (nullable): a file as read
 */
void
d360_contact_file_free (D360ContactFile *file)
{
  if (file == NULL)
    return;

  g_clear_pointer (&file->contacts, g_ptr_array_unref);
  g_clear_pointer (&file->problems, g_ptr_array_unref);
  g_free (file);
}

static gboolean
has_extension (const char *file_name,
               const char *extension)
{
  gsize name_len, extension_len;

  if (file_name == NULL)
    return FALSE;
  name_len = strlen (file_name);
  extension_len = strlen (extension);
  return name_len > extension_len &&
         g_ascii_strcasecmp (file_name + name_len - extension_len, extension) == 0;
}

/* The start of the file as UTF-8 text (UTF-16 converted), at most @limit
 * bytes of it; NULL when it is not text. */
static char *
text_head (GBytes *data,
           gsize   limit)
{
  gsize size = 0;
  const guchar *bytes = g_bytes_get_data (data, &size);
  gsize take;

  if (bytes == NULL)
    return g_strdup ("");

  if (size >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
    {
      const char *charset = bytes[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";

      take = MIN (size - 2, limit * 2) & ~(gsize) 1;
      return g_convert_with_fallback ((const char *) bytes + 2, take, "UTF-8", charset,
                                      "?", NULL, NULL, NULL);
    }

  if (size >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
    {
      bytes += 3;
      size -= 3;
    }
  take = MIN (size, limit);
  if (memchr (bytes, '\0', take) != NULL)
    return NULL;
  return g_strndup ((const char *) bytes, take);
}

/* Only white space, after a UTF-8 byte-order mark. (UTF-16 is left to the
 * readers, which say the same.) */
static gboolean
bytes_are_blank (GBytes *data)
{
  gsize size = 0;
  const guchar *bytes = g_bytes_get_data (data, &size);
  gsize i = 0;

  if (size >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
    i = 3;
  for (; i < size; i++)
    if (!g_ascii_isspace (bytes[i]))
      return FALSE;
  return TRUE;
}

static gboolean
text_has_vcard (const char *text)
{
  for (const char *line = text; line != NULL && *line != '\0';)
    {
      while (*line == ' ' || *line == '\t' || *line == '\r' || *line == '\n')
        line++;
      if (g_ascii_strncasecmp (line, "BEGIN:VCARD", 11) == 0 ||
          g_ascii_strncasecmp (line, "BEGIN :VCARD", 12) == 0)
        return TRUE;
      line = strchr (line, '\n');
    }
  return FALSE;
}

/**
 * d360_contact_format_detect:
 * @data: the file, or its start
 * @file_name: (nullable): its name, for the extension
 *
 * A file with a "BEGIN:VCARD" line near its start is vCard, whatever its
 * name; else the extension decides (.vcf, .vcard; .csv, .tsv, .txt); else
 * CSV, whose reader refuses what has no header row.
 *
 * Returns: %D360_CONTACT_FORMAT_VCARD or %D360_CONTACT_FORMAT_CSV
 */
D360ContactFormat
d360_contact_format_detect (GBytes     *data,
                            const char *file_name)
{
  g_autofree char *head = NULL;

  g_return_val_if_fail (data != NULL, D360_CONTACT_FORMAT_CSV);

  head = text_head (data, 64 * 1024);
  if (head != NULL && text_has_vcard (head))
    return D360_CONTACT_FORMAT_VCARD;
  if (has_extension (file_name, ".vcf") || has_extension (file_name, ".vcard"))
    return D360_CONTACT_FORMAT_VCARD;
  return D360_CONTACT_FORMAT_CSV;
}

/* The store may be stricter than the reader about an email address or a
 * phone number: such a value is left out and reported, rather than the
 * whole contact. */
static GPtrArray *
keep_valid_channels (GPtrArray *channels,
                     gboolean   emails,
                     guint      line,
                     GPtrArray *problems)
{
  GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify) d360_channel_free);

  for (guint i = 0; i < channels->len; i++)
    {
      const D360Channel *channel = g_ptr_array_index (channels, i);
      g_autoptr(D360Contact) probe = d360_contact_new ();
      g_autoptr(GError) invalid = NULL;

      d360_contact_set_given_name (probe, "probe");
      if (emails)
        d360_contact_add_email (probe, channel->value, channel->types, channel->label);
      else
        d360_contact_add_phone (probe, channel->value, channel->types, channel->label);

      if (d360_store_validate_contact (probe, &invalid))
        g_ptr_array_add (kept, d360_channel_copy (channel));
      else
        add_problem (problems, line, FALSE,
                     g_strdup_printf (_("%s It was left out."), invalid->message));
    }

  return kept;
}

static D360Contact *
validated_contact (const D360ParsedContact  *card,
                   GPtrArray                *problems)
{
  g_autoptr(D360Contact) contact = d360_contact_from_parsed (card, problems);
  g_autoptr(GError) invalid = NULL;
  g_autoptr(GPtrArray) emails = NULL;
  g_autoptr(GPtrArray) phones = NULL;

  if (d360_store_validate_contact (contact, NULL))
    return g_steal_pointer (&contact);

  emails = keep_valid_channels (d360_contact_get_emails (contact), TRUE, card->line, problems);
  phones = keep_valid_channels (d360_contact_get_phones (contact), FALSE, card->line, problems);
  d360_contact_set_emails (contact, emails);
  d360_contact_set_phones (contact, phones);
  if (d360_store_validate_contact (contact, &invalid))
    return g_steal_pointer (&contact);

  add_problem (problems, card->line, TRUE,
               g_strdup_printf (_("%s This contact was left out."), invalid->message));
  return NULL;
}

/* From how many cards or rows d360_contact_file_new_from_parsed() uses two
 * threads. */
#define CONVERT_IN_TWO 2000

typedef struct
{
  GPtrArray     *parsed;     /* of D360ParsedContact */
  gboolean       consume;    /* free each card once converted */
  D360Contact  **contacts;   /* out: one per card, NULL for a rejected one */
  guint          start;
  guint          end;
  GPtrArray     *problems;
} ConvertPart;

static gpointer
convert_part (gpointer user_data)
{
  ConvertPart *part = user_data;

  for (guint i = part->start; i < part->end; i++)
    {
      part->contacts[i] = validated_contact (g_ptr_array_index (part->parsed, i), part->problems);
      if (part->consume)
        g_clear_pointer (&part->parsed->pdata[i], d360_parsed_contact_free);
    }

  return NULL;
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const D360ParseProblem *first = *(D360ParseProblem * const *) a;
  const D360ParseProblem *second = *(D360ParseProblem * const *) b;

  return (first->line > second->line) - (first->line < second->line);
}

/* d360_contact_file_new_from_parsed(); @consume: and free the cards of
 * @parsed as they are converted, each half in its thread, rather than all
 * in the caller's after (a tenth of the reading of a large file). */
static D360ContactFile *
new_from_parsed (D360ContactFormat  format,
                 GPtrArray         *parsed,
                 gboolean           consume,
                 GPtrArray         *problems)
{
  D360ContactFile *file;

  file = g_new0 (D360ContactFile, 1);
  file->format = format;
  file->problems = problems != NULL
                   ? problems
                   : g_ptr_array_new_with_free_func ((GDestroyNotify) d360_parse_problem_free);
  file->contacts = g_ptr_array_new_full (parsed->len, g_object_unref);

  for (guint i = 0; i < file->problems->len; i++)
    if (((D360ParseProblem *) file->problems->pdata[i])->rejected)
      file->n_rejected++;

  {
    /* A large file is converted in two halves side by side: the second in a
     * thread of its own, with its own problems, added after the first's. */
    g_autofree D360Contact **contacts = g_new0 (D360Contact *, parsed->len);
    ConvertPart parts[2] = {
      { parsed, consume, contacts, 0, parsed->len / 2, file->problems },
      { parsed, consume, contacts, parsed->len / 2, parsed->len,
        g_ptr_array_new_with_free_func ((GDestroyNotify) d360_parse_problem_free) },
    };
    GThread *thread = NULL;

    if (parsed->len >= CONVERT_IN_TWO)
      thread = g_thread_new ("d360-convert", convert_part, &parts[1]);
    else
      parts[0].end = parsed->len;
    convert_part (&parts[0]);
    if (thread != NULL)
      g_thread_join (thread);

    g_ptr_array_extend_and_steal (file->problems, g_steal_pointer (&parts[1].problems));
    for (guint i = 0; i < parsed->len; i++)
      {
        if (contacts[i] == NULL)
          file->n_rejected++;
        else
          g_ptr_array_add (file->contacts, contacts[i]);
      }
  }

  /* a stable sort: problems of one line stay in the order found */
  g_ptr_array_sort (file->problems, compare_problems);
  return file;
}

/**
 * d360_contact_file_new_from_parsed:
 * @format: the format the cards or rows were read from
 * @parsed: (element-type D360ParsedContact): the cards or rows as read
 * @problems: (transfer full) (nullable) (element-type D360ParseProblem): what
 *   the reader reported so far
 *
 * Makes contacts of @parsed as d360_contact_file_parse() does: a card or row
 * that makes no valid contact is left out and reported with its line, an
 * invalid email or phone is dropped from its contact and reported.
 *
 * Returns: (transfer full): the contacts, and the problems sorted by line
 */
D360ContactFile *
d360_contact_file_new_from_parsed (D360ContactFormat  format,
                                   GPtrArray         *parsed,
                                   GPtrArray         *problems)
{
  g_return_val_if_fail (parsed != NULL, NULL);

  return new_from_parsed (format, parsed, FALSE, problems);
}

/* From what size a file has the names indexed while it is read. */
#define INDEX_NAMES_AHEAD (4 << 20)

static gpointer
index_names_thread (gpointer user_data)
{
  get_name_index ();
  return NULL;
}

/**
 * d360_contact_file_parse:
 * @data: the whole file
 * @format: its format, or %D360_CONTACT_FORMAT_AUTO to tell it
 * @file_name: (nullable): its name, for the extension
 * @error: a #D360_IMPORT_ERROR when the whole file cannot be read
 *
 * Reads every card or row and makes contacts of them. A card or row that
 * cannot be read, or makes no valid contact (d360_store_validate_contact()),
 * is left out and reported with its line and the reason; a field that
 * cannot be kept is reported without leaving the contact out.
 *
 * Returns: (transfer full) (nullable): the contacts and problems, or %NULL
 *   with @error set for an empty or binary file, or one with no card or
 *   header row
 */
D360ContactFile *
d360_contact_file_parse (GBytes             *data,
                         D360ContactFormat   format,
                         const char         *file_name,
                         GError            **error)
{
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *head = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  head = text_head (data, 4096);
  if (head == NULL)
    {
      g_set_error_literal (error, D360_IMPORT_ERROR, D360_IMPORT_ERROR_NOT_VCARD,
                           _("This is not a contacts file: it is not text. "
                             "Choose a vCard (.vcf) or CSV file."));
      return NULL;
    }
  if (is_blank (head) && bytes_are_blank (data))
    {
      g_set_error_literal (error, D360_IMPORT_ERROR, D360_IMPORT_ERROR_EMPTY,
                           _("The file is empty."));
      return NULL;
    }

  if (format == D360_CONTACT_FORMAT_AUTO)
    format = d360_contact_format_detect (data, file_name);

  /* The names of countries and languages are indexed the first time a
   * contact needs one (0.1–0.2 s, iso-codes' files): in a large file, while
   * the file is read, instead of later, when one half of the conversion
   * would wait for the other to finish it (d360_contact_file_new_from_parsed()). */
  if (g_bytes_get_size (data) >= INDEX_NAMES_AHEAD)
    {
      GThread *thread = g_thread_try_new ("d360-names", index_names_thread, NULL, NULL);

      if (thread != NULL)
        g_thread_unref (thread);   /* else the conversion builds the index itself */
    }

  if (format == D360_CONTACT_FORMAT_VCARD)
    parsed = d360_vcard_parse (data, &problems, error);
  else
    parsed = d360_csv_parse (data, NULL, &problems, error);
  if (parsed == NULL)
    return NULL;
  return new_from_parsed (format, parsed, TRUE, g_steal_pointer (&problems));
}

/**
 * d360_contact_file_read:
 * @path: a vCard or CSV file, in the file system's encoding
 * @cancellable: (nullable): stops the reading
 * @error: a #GIOError or #D360_IMPORT_ERROR
 *
 * d360_contact_file_parse() on the file at @path.
 *
 * Returns: (transfer full) (nullable): the contacts and problems, or %NULL
 */
D360ContactFile *
d360_contact_file_read (const char    *path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) data = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (path);
  data = g_file_load_bytes (file, cancellable, NULL, error);
  if (data == NULL)
    return NULL;

  return d360_contact_file_parse (data, D360_CONTACT_FORMAT_AUTO, path, error);
}

/**
 * d360_contacts_write:
 * @contacts: (element-type D360Contact): the contacts, as read from the store
 * @format: %D360_CONTACT_FORMAT_VCARD or %D360_CONTACT_FORMAT_CSV
 * @version: for vCard: 4.0, or 3.0 for older programs
 * @separator: for CSV: ',', ';' or '\t', or 0 for the one of the user's
 *   locale (d360_csv_separator_for_locale())
 *
 * Returns: (transfer full): the file's bytes
 */
GBytes *
d360_contacts_write (GPtrArray         *contacts,
                     D360ContactFormat  format,
                     D360VCardVersion   version,
                     char               separator)
{
  g_autoptr(GPtrArray) parsed = NULL;

  g_return_val_if_fail (contacts != NULL, NULL);
  g_return_val_if_fail (format == D360_CONTACT_FORMAT_VCARD ||
                        format == D360_CONTACT_FORMAT_CSV, NULL);

  parsed = g_ptr_array_new_full (contacts->len, (GDestroyNotify) d360_parsed_contact_free);
  for (guint i = 0; i < contacts->len; i++)
    g_ptr_array_add (parsed, d360_contact_to_parsed (g_ptr_array_index (contacts, i)));

  if (format == D360_CONTACT_FORMAT_VCARD)
    return d360_vcard_write (parsed, version);
  return d360_csv_write (parsed, separator != '\0' ? separator : d360_csv_separator_for_locale ());
}

/**
 * d360_contacts_write_file:
 * @path: where the file goes; written whole or not at all
 *
 * d360_contacts_write() to a file, atomically.
 *
 * Returns: whether the file was written
 */
gboolean
d360_contacts_write_file (GPtrArray          *contacts,
                          const char         *path,
                          D360ContactFormat   format,
                          D360VCardVersion    version,
                          char                separator,
                          GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (contacts != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = d360_contacts_write (contacts, format, version, separator);
  return d360_write_file_atomically (path, bytes, error);
}

/* How many contacts an export reads at a time, and how many such batches
 * may wait for the writer. The store reads (SQLite, the contacts' objects)
 * in the calling thread while a second thread converts and writes the
 * batches before it: the two take about 70 % and 30 % of an export, so
 * together they finish in the time of the reading. Each batch goes back to
 * the reader to be freed, so that each thread frees what it allocated
 * (glibc's malloc spends much longer freeing another thread's blocks). At
 * most EXPORT_IN_FLIGHT batches are out at once: memory stays bounded. */
#define EXPORT_BATCH 4096
#define EXPORT_IN_FLIGHT 3

typedef struct
{
  D360ContactFormat  format;
  D360VCardVersion   version;
  GString           *out;       /* vCard: the file so far */
  GPtrArray         *parsed;    /* CSV: every contact (its columns depend on all) */
  guint              n_read;
  GCancellable      *cancellable;
  GAsyncQueue       *to_write;  /* batches (GPtrArray of D360Contact), then job itself */
  GAsyncQueue       *written;   /* the same batches, back to be freed */
  guint              in_flight;
} ExportJob;

/* The writer's thread: converts each batch, for vCard straight into the
 * text, until it gets the job itself, which means the end. */
static gpointer
export_writer (gpointer data)
{
  ExportJob *job = data;
  gpointer item;

  while ((item = g_async_queue_pop (job->to_write)) != job)
    {
      GPtrArray *contacts = item;

      if (job->format == D360_CONTACT_FORMAT_CSV)
        {
          for (guint i = 0; i < contacts->len; i++)
            g_ptr_array_add (job->parsed, d360_contact_to_parsed (g_ptr_array_index (contacts, i)));
        }
      else
        {
          g_autoptr(GPtrArray) parsed = g_ptr_array_new_full (contacts->len,
                                                              (GDestroyNotify) d360_parsed_contact_free);

          for (guint i = 0; i < contacts->len; i++)
            g_ptr_array_add (parsed, d360_contact_to_parsed (g_ptr_array_index (contacts, i)));
          d360_vcard_append (job->out, parsed, job->version);
        }
      g_async_queue_push (job->written, contacts);
    }
  return NULL;
}

/* Frees the batches the writer has finished, waiting for it until no more
 * than @keep are out. */
static void
export_collect (ExportJob *job,
                guint      keep)
{
  while (job->in_flight > keep)
    {
      g_ptr_array_unref (g_async_queue_pop (job->written));
      job->in_flight--;
    }
}

static gboolean
export_batch (GPtrArray  *contacts,
              gpointer    user_data,
              GError    **error)
{
  ExportJob *job = user_data;

  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return FALSE;

  job->n_read += contacts->len;
  g_async_queue_push (job->to_write, g_ptr_array_ref (contacts));
  job->in_flight++;
  export_collect (job, EXPORT_IN_FLIGHT - 1);
  return TRUE;
}

/**
 * d360_contact_io_export_ids_to_file:
 * @store: the store
 * @ids: (nullable) (element-type gint64): the contacts, in this order;
 *   %NULL for all, by name
 * @path: where the file goes; written whole or not at all
 * @n_written: (out) (optional): how many contacts the file holds
 * @cancellable: (nullable): stops the export; no file is written then
 *
 * Reads the contacts a batch at a time (d360_store_read_contacts_in_batches(),
 * EXPORT_BATCH) while a second thread converts and writes the batches read
 * before, so that only a few batches are in memory besides the file (for
 * CSV, whose columns depend on every contact, the converted contacts are
 * kept until the end).
 *
 * Returns: whether the file was written
 */
gboolean
d360_contact_io_export_ids_to_file (D360Store          *store,
                                    GArray             *ids,
                                    const char         *path,
                                    D360ContactFormat   format,
                                    D360VCardVersion    version,
                                    char                separator,
                                    guint              *n_written,
                                    GCancellable       *cancellable,
                                    GError            **error)
{
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GBytes) bytes = NULL;
  ExportJob job = { format, version, NULL, NULL, 0, cancellable, NULL, NULL, 0 };
  GThread *writer;
  gboolean read;

  g_return_val_if_fail (D360_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format == D360_CONTACT_FORMAT_VCARD ||
                        format == D360_CONTACT_FORMAT_CSV, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (format == D360_CONTACT_FORMAT_CSV)
    job.parsed = parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) d360_parsed_contact_free);
  else
    job.out = out = g_string_sized_new (ids != NULL ? ids->len * 480 + 64 : 1024 * 1024);

  job.to_write = g_async_queue_new ();
  job.written = g_async_queue_new ();
  writer = g_thread_new ("d360-export", export_writer, &job);
  read = d360_store_read_contacts_in_batches (store, ids, EXPORT_BATCH, export_batch, &job,
                                              error);
  g_async_queue_push (job.to_write, &job);
  g_thread_join (writer);
  export_collect (&job, 0);
  g_async_queue_unref (job.to_write);
  g_async_queue_unref (job.written);
  if (!read)
    return FALSE;

  if (format == D360_CONTACT_FORMAT_CSV)
    bytes = d360_csv_write (parsed, separator != '\0' ? separator
                                                      : d360_csv_separator_for_locale ());
  else
    bytes = g_string_free_to_bytes (g_steal_pointer (&out));
  if (!d360_write_file_atomically (path, bytes, error))
    return FALSE;

  if (n_written != NULL)
    *n_written = job.n_read;
  return TRUE;
}

/**
 * d360_contact_io_export_to_file:
 * @store: the store
 * @query: (nullable): which contacts, in which order; %NULL for all
 * @path: where the file goes; written whole or not at all
 * @n_written: (out) (optional): how many contacts the file holds
 *
 * Returns: whether the file was written
 */
gboolean
d360_contact_io_export_to_file (D360Store               *store,
                                const D360ContactQuery  *query,
                                const char              *path,
                                D360ContactFormat        format,
                                D360VCardVersion         version,
                                char                     separator,
                                guint                   *n_written,
                                GError                 **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (D360_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (query != NULL)
    {
      ids = d360_store_list_contact_ids (store, query, error);
      if (ids == NULL)
        return FALSE;
    }

  return d360_contact_io_export_ids_to_file (store, ids, path, format, version, separator,
                                             n_written, NULL, error);
}

/* d360-iso-codes.c — countries, subdivisions, languages and currencies from
 * Debian's iso-codes, with their translated names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lists are read once from iso-codes' JSON files and kept, sorted by
 * translated name, and in the files' order with the untranslated names and
 * other codes (for reading the names people write, d360-contact-io.c).
 * Names are translated with iso-codes' own catalogues.
 */

#define G_LOG_DOMAIN "d360-iso-codes"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "d360-iso-codes.h"

static const struct {
  const char *file;     /* also the key of the list, and the gettext domain */
  const char *code_key;
} standards[D360_ISO_N_STANDARDS] = {
  [D360_ISO_COUNTRIES] = { "3166-1", "alpha_2" },
  [D360_ISO_SUBDIVISIONS] = { "3166-2", "code" },
  [D360_ISO_LANGUAGES] = { "639-3", "alpha_3" },
  [D360_ISO_CURRENCIES] = { "4217", "alpha_3" },
};

static GPtrArray *lists[D360_ISO_N_STANDARDS];
static GPtrArray *file_orders[D360_ISO_N_STANDARDS];
static gsize loaded[D360_ISO_N_STANDARDS];
static GHashTable *indexes[D360_ISO_N_STANDARDS];

static void
entry_free (D360IsoEntry *entry)
{
  g_free (entry->code);
  g_free (entry->name);
  g_free (entry->parent);
  g_free (entry->alpha_3);
  g_free (entry->bibliographic);
  for (guint i = 0; i < G_N_ELEMENTS (entry->names); i++)
    g_free (entry->names[i]);
  g_free (entry);
}

typedef struct
{
  char         *key;   /* g_utf8_collate_key () of the name */
  D360IsoEntry *entry;
} SortItem;

static int
compare_sort_items (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  return strcmp (((const SortItem *) a)->key, ((const SortItem *) b)->key);
}

/* Sorts @list by name in the user's language. Comparing collation keys made
 * once per name orders as g_utf8_collate() does, without working out both
 * keys again at each comparison (7 900 languages: 82 000 comparisons). */
static void
sort_by_name (GPtrArray *list)
{
  g_autofree SortItem *items = g_new (SortItem, list->len);

  for (guint i = 0; i < list->len; i++)
    {
      items[i].entry = g_ptr_array_index (list, i);
      items[i].key = g_utf8_collate_key (items[i].entry->name, -1);
    }
  /* A stable sort, as g_ptr_array_sort () was: names that compare equal keep
   * the files' order. */
  g_qsort_with_data (items, list->len, sizeof (SortItem), compare_sort_items, NULL);
  for (guint i = 0; i < list->len; i++)
    {
      list->pdata[i] = items[i].entry;
      g_free (items[i].key);
    }
}

static const char *
iso_codes_folder (void)
{
  const char *folder = g_getenv ("D360_ISO_CODES_DIR");

  return folder != NULL ? folder : ISO_CODES_PREFIX "/share/iso-codes/json";
}

/* The untranslated names an entry keeps (D360IsoEntry.names). */
static const char * const untranslated_keys[] = { "name", "common_name", "official_name" };

static D360IsoEntry *
entry_from_json (D360IsoStandard  standard,
                 JsonObject      *object,
                 const char      *domain)
{
  const char *code = json_object_get_string_member_with_default (object,
                                                                 standards[standard].code_key,
                                                                 NULL);
  const char *name = json_object_get_string_member_with_default (object, "common_name", NULL);
  D360IsoEntry *entry;

  if (name == NULL)
    name = json_object_get_string_member_with_default (object, "name", NULL);
  if (code == NULL || name == NULL)
    return NULL;

  if (standard == D360_ISO_LANGUAGES)
    {
      /* Only living individual languages and macrolanguages people speak. */
      const char *type = json_object_get_string_member_with_default (object, "type", "");
      const char *alpha_2 = json_object_get_string_member_with_default (object, "alpha_2", NULL);

      if (g_strcmp0 (type, "L") != 0 && g_strcmp0 (type, "M") != 0)
        return NULL;
      if (alpha_2 != NULL)
        code = alpha_2;
    }

  entry = g_new0 (D360IsoEntry, 1);
  entry->code = g_strdup (code);
  entry->name = g_strdup (g_dgettext (domain, name));
  if (standard == D360_ISO_SUBDIVISIONS)
    entry->parent = g_strndup (code, 2);
  entry->alpha_3 = g_strdup (json_object_get_string_member_with_default (object, "alpha_3", NULL));
  entry->bibliographic = g_strdup (json_object_get_string_member_with_default (object,
                                                                               "bibliographic",
                                                                               NULL));
  for (guint i = 0; i < G_N_ELEMENTS (untranslated_keys); i++)
    entry->names[i] = g_strdup (json_object_get_string_member_with_default (object,
                                                                            untranslated_keys[i],
                                                                            NULL));

  return entry;
}

static GPtrArray *
load (D360IsoStandard standard)
{
  g_autofree char *file_name = g_strdup_printf ("iso_%s.json", standards[standard].file);
  g_autofree char *path = g_build_filename (iso_codes_folder (), file_name, NULL);
  g_autofree char *domain = g_strdup_printf ("iso_%s", standards[standard].file);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  JsonNode *root;
  JsonArray *array = NULL;

  bindtextdomain (domain, ISO_CODES_LOCALEDIR);
  bind_textdomain_codeset (domain, "UTF-8");

  if (!json_parser_load_from_mapped_file (parser, path, &error))
    {
      g_warning ("Could not read %s: %s", path, error->message);
      return list;
    }

  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      if (json_object_has_member (object, standards[standard].file))
        array = json_object_get_array_member (object, standards[standard].file);
    }
  if (array == NULL)
    {
      g_warning ("%s does not hold the expected list", path);
      return list;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      D360IsoEntry *entry;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = entry_from_json (standard, json_node_get_object (node), domain);
      if (entry != NULL)
        g_ptr_array_add (list, entry);
    }

  return list;
}

/**
 * d360_iso_codes_get:
 *
 * Returns: (transfer none) (element-type D360IsoEntry): the whole list,
 *   sorted by translated name
 */
const GPtrArray *
d360_iso_codes_get (D360IsoStandard standard)
{
  g_return_val_if_fail (standard < D360_ISO_N_STANDARDS, NULL);

  if (g_once_init_enter (&loaded[standard]))
    {
      GPtrArray *list = load (standard);
      GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

      file_orders[standard] = g_ptr_array_copy (list, NULL, NULL);
      g_ptr_array_set_free_func (file_orders[standard], NULL);   /* the list owns them */
      sort_by_name (list);

      for (guint i = 0; i < list->len; i++)
        {
          D360IsoEntry *entry = g_ptr_array_index (list, i);

          g_hash_table_insert (index, entry->code, entry);
        }
      indexes[standard] = index;
      lists[standard] = list;
      g_once_init_leave (&loaded[standard], 1);
    }

  return lists[standard];
}

/**
 * d360_iso_codes_is_loaded:
 *
 * Returns: whether d360_iso_codes_get() has the list at hand, without
 *   reading a file
 */
gboolean
d360_iso_codes_is_loaded (D360IsoStandard standard)
{
  g_return_val_if_fail (standard < D360_ISO_N_STANDARDS, FALSE);

  /* g_once_init_leave() sets it, once the list is made */
  return g_atomic_pointer_get (&loaded[standard]) != 0;
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  d360_iso_codes_get (GPOINTER_TO_UINT (task_data));
  g_task_return_boolean (task, TRUE);
}

/**
 * d360_iso_codes_load_async:
 * @callback: called in the thread-default main context once the list is
 *   at hand
 *
 * Reads the list of @standard in a thread, so that d360_iso_codes_get()
 * then returns at once: the subdivisions take a tenth of a second, which a
 * window would rather not spend before its first frame.
 */
void
d360_iso_codes_load_async (D360IsoStandard      standard,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (standard < D360_ISO_N_STANDARDS);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, d360_iso_codes_load_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (standard), NULL);
  if (d360_iso_codes_is_loaded (standard))
    g_task_return_boolean (task, TRUE);
  else
    g_task_run_in_thread (task, load_in_thread);
}

gboolean
d360_iso_codes_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * d360_iso_codes_get_in_file_order:
 *
 * Returns: (transfer none) (element-type D360IsoEntry): the entries of
 *   d360_iso_codes_get(), in the order of iso-codes' file
 */
const GPtrArray *
d360_iso_codes_get_in_file_order (D360IsoStandard standard)
{
  g_return_val_if_fail (standard < D360_ISO_N_STANDARDS, NULL);

  d360_iso_codes_get (standard);
  return file_orders[standard];
}

/**
 * d360_iso_codes_lookup:
 * @code: a code of @standard, as the database keeps it ("RO", "RO-TM", "EUR")
 *
 * Returns: (transfer none) (nullable): the entry, or %NULL for an unknown code
 */
const D360IsoEntry *
d360_iso_codes_lookup (D360IsoStandard  standard,
                       const char      *code)
{
  g_return_val_if_fail (standard < D360_ISO_N_STANDARDS, NULL);

  if (code == NULL)
    return NULL;

  d360_iso_codes_get (standard);
  return g_hash_table_lookup (indexes[standard], code);
}

/**
 * d360_iso_codes_get_name:
 *
 * Returns: (transfer none) (nullable): the translated name of @code
 */
const char *
d360_iso_codes_get_name (D360IsoStandard  standard,
                         const char      *code)
{
  const D360IsoEntry *entry = d360_iso_codes_lookup (standard, code);

  return entry != NULL ? entry->name : NULL;
}

/**
 * d360_iso_codes_subdivisions_of:
 * @country: an ISO 3166-1 alpha-2 code
 *
 * Returns: (transfer container) (element-type D360IsoEntry): the country's
 *   subdivisions, sorted by name
 */
GPtrArray *
d360_iso_codes_subdivisions_of (const char *country)
{
  const GPtrArray *all;
  GPtrArray *result = g_ptr_array_new ();

  if (country == NULL)
    return result;   /* without reading them */

  all = d360_iso_codes_get (D360_ISO_SUBDIVISIONS);
  for (guint i = 0; i < all->len; i++)
    {
      D360IsoEntry *entry = g_ptr_array_index (all, i);

      if (g_strcmp0 (entry->parent, country) == 0)
        g_ptr_array_add (result, entry);
    }

  return result;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * d360_time_zones_list:
 *
 * Returns: (transfer full): the IANA time zone identifiers of the system's
 *   tz database (from `zone1970.tab`), sorted, with "UTC" first
 */
char **
d360_time_zones_list (void)
{
  const char *tzdir = g_getenv ("TZDIR");
  g_autofree char *path = g_build_filename (tzdir != NULL ? tzdir : "/usr/share/zoneinfo",
                                            "zone1970.tab", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *zones = g_ptr_array_new ();

  if (g_file_get_contents (path, &contents, NULL, NULL))
    {
      lines = g_strsplit (contents, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) fields = NULL;

          if (lines[i][0] == '#' || lines[i][0] == '\0')
            continue;
          fields = g_strsplit (lines[i], "\t", 4);
          if (g_strv_length (fields) >= 3)
            g_ptr_array_add (zones, g_strdup (fields[2]));
        }
    }

  g_ptr_array_sort (zones, compare_strings);
  g_ptr_array_insert (zones, 0, g_strdup ("UTC"));
  g_ptr_array_add (zones, NULL);
  return (char **) g_ptr_array_free (zones, FALSE);
}

/**
 * d360_time_zone_is_valid:
 *
 * Returns: whether @identifier names a zone of the tz database
 */
gboolean
d360_time_zone_is_valid (const char *identifier)
{
  g_autoptr(GTimeZone) zone = NULL;

  if (identifier == NULL || *identifier == '\0')
    return FALSE;

  zone = g_time_zone_new_identifier (identifier);
  return zone != NULL;
}

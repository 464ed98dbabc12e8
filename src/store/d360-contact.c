/* d360-contact.c — a person the city works with abroad
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-contact"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "d360-contact-private.h"
#include "d360-project-private.h"
#include "d360-store-contacts.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_INITIALS,
  PROP_ORGANIZATION_ID,
  PROP_CATEGORY,
  PROP_LANGUAGES,
  PROP_DIMENSIONS,
  PROP_AGENDA_AREAS,
  PROP_INTEREST_COUNTRIES,
  PROP_INVESTMENT_MIN,
  PROP_INVESTMENT_MAX,
  PROP_TAGS,
  PROP_LEGAL_BASIS,
  PROP_EMAILS,
  PROP_PHONES,
  /* The text properties, in the order of the strings array. */
  PROP_UID,
  PROP_HONORIFIC,
  PROP_GIVEN_NAME,
  PROP_FAMILY_NAME,
  PROP_JOB_TITLE,
  PROP_COUNTRY,
  PROP_STREET,
  PROP_LOCALITY,
  PROP_REGION,
  PROP_POSTAL_CODE,
  PROP_ADDRESS_COUNTRY,
  PROP_SECTORS,
  PROP_INVESTMENT_CURRENCY,
  PROP_NOTES,
  PROP_BASIS_DATE,
  PROP_BASIS_SOURCE,
  PROP_BIRTHDAY,
  PROP_WEBSITE,
  /* Read-only texts. */
  PROP_ORGANIZATION_NAME,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

#define FIRST_STRING  PROP_UID
#define FIRST_RO      PROP_ORGANIZATION_NAME
#define N_STRINGS     (N_PROPS - FIRST_STRING)

struct _D360Contact
{
  GObject         parent_instance;

  gint64          id;
  gint64          organization_id;
  D360Category    category;
  D360LegalBasis  legal_basis;
  guint           dimensions;
  guint           agenda_areas;
  gint64          investment_min;
  gint64          investment_max;
  GStrv           languages;
  GStrv           interest_countries;
  GStrv           tags;
  GPtrArray      *emails;              /* of D360Channel */
  GPtrArray      *phones;
  char           *strings[N_STRINGS];
  char           *display_name;
  char           *import_organization; /* set for an import, never stored as such */
  gboolean        loading;             /* d360_contact_begin_loading() */
  gboolean        building;            /* d360_contact_begin_building() */
};

G_DEFINE_FINAL_TYPE (D360Contact, d360_contact, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* A property changed: said to whoever listens, except while the store is
 * still filling in a contact nobody has yet (d360_contact_begin_loading()). */
static void
notify (D360Contact *self,
        int          prop)
{
  if (!self->loading && !self->building)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* ------------------------------------------------------------ enumerations */

typedef struct
{
  const char *key;
  const char *label;
} KeyLabel;

static const KeyLabel categories[D360_N_CATEGORIES] = {
  { "diplomat", N_("Diplomat") },
  { "investor", N_("Investor") },
  { "business", N_("Business") },
  { "public-official", N_("Public official") },
  { "ngo", N_("NGO") },
  { "academic", N_("Academic") },
  { "cultural", N_("Culture") },
  { "media", N_("Media") },
  { "other", N_("Other") },
};

static const KeyLabel bases[D360_N_BASES] = {
  { "none", N_("Not recorded") },
  { "consent", N_("Consent") },
  { "legitimate-interest", N_("Legitimate interest") },
  { "public-role", N_("Public role") },
};

static gboolean
key_lookup (const KeyLabel *table,
            guint           n,
            const char     *key,
            guint          *index)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (key, table[i].key) == 0)
      {
        *index = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * d360_category_to_key:
 *
 * Returns: the category as the database keeps it ("public-official")
 */
const char *
d360_category_to_key (D360Category category)
{
  g_return_val_if_fail (category < D360_N_CATEGORIES, NULL);
  return categories[category].key;
}

gboolean
d360_category_from_key (const char   *key,
                        D360Category *category)
{
  guint index;

  if (!key_lookup (categories, D360_N_CATEGORIES, key, &index))
    return FALSE;
  *category = index;
  return TRUE;
}

const char *
d360_category_get_label (D360Category category)
{
  g_return_val_if_fail (category < D360_N_CATEGORIES, NULL);
  return _(categories[category].label);
}

const char *
d360_legal_basis_to_key (D360LegalBasis basis)
{
  g_return_val_if_fail (basis < D360_N_BASES, NULL);
  return bases[basis].key;
}

gboolean
d360_legal_basis_from_key (const char     *key,
                           D360LegalBasis *basis)
{
  guint index;

  if (!key_lookup (bases, D360_N_BASES, key, &index))
    return FALSE;
  *basis = index;
  return TRUE;
}

const char *
d360_legal_basis_get_label (D360LegalBasis basis)
{
  g_return_val_if_fail (basis < D360_N_BASES, NULL);
  return _(bases[basis].label);
}

/**
 * d360_channel_type_get_label:
 * @types: #D360ChannelType bits
 *
 * Returns: (transfer full): "Work", "Home, mobile", "Work, preferred" …
 */
char *
d360_channel_type_get_label (guint types)
{
  static const char * const words[] = {
    NC_("channel type", "home"),
    NC_("channel type", "work"),
    NC_("channel type", "mobile"),
    NC_("channel type", "fax"),
    NC_("channel type", "other"),
    NC_("channel type", "preferred"),
  };
  g_autoptr(GString) label = g_string_new (NULL);
  g_autofree char *first = NULL;
  const char *rest;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (types & (1u << i))
      {
        if (label->len > 0)
          g_string_append (label, ", ");
        g_string_append (label, g_dpgettext2 (GETTEXT_PACKAGE, "channel type", words[i]));
      }

  if (label->len == 0)
    g_string_append (label, g_dpgettext2 (GETTEXT_PACKAGE, "channel type", "other"));

  /* Capitalize the first letter, whatever the language. */
  rest = g_utf8_next_char (label->str);
  first = g_utf8_strup (label->str, rest - label->str);
  return g_strconcat (first, rest, NULL);
}

/* ------------------------------------------------------------ D360Channel */

G_DEFINE_BOXED_TYPE (D360Channel, d360_channel, d360_channel_copy, d360_channel_free)

/**
 * d360_channel_new:
 * @value: the address or number
 * @types: #D360ChannelType bits
 * @label: (nullable): the user's own label
 */
D360Channel *
d360_channel_new (const char *value,
                  guint       types,
                  const char *label)
{
  D360Channel *channel = g_new0 (D360Channel, 1);

  channel->value = g_strdup (value);
  channel->types = types;
  channel->label = label != NULL && *label != '\0' ? g_strdup (label) : NULL;
  return channel;
}

D360Channel *
d360_channel_copy (const D360Channel *channel)
{
  g_return_val_if_fail (channel != NULL, NULL);

  return d360_channel_new (channel->value, channel->types, channel->label);
}

void
d360_channel_free (D360Channel *channel)
{
  if (channel == NULL)
    return;

  g_free (channel->value);
  g_free (channel->label);
  g_free (channel);
}

static GPtrArray *
channels_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) d360_channel_free);
}

static gboolean
channels_equal (GPtrArray *a,
                GPtrArray *b)
{
  guint n_b = b != NULL ? b->len : 0;

  if (a->len != n_b)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const D360Channel *x = g_ptr_array_index (a, i);
      const D360Channel *y = g_ptr_array_index (b, i);

      if (g_strcmp0 (x->value, y->value) != 0 || x->types != y->types ||
          g_strcmp0 (x->label, y->label) != 0)
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------ helpers */

static const char *
get_string (D360Contact *self,
            int          prop)
{
  return self->strings[prop - FIRST_STRING];
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* "H.E. Ana Popescu"; or the organisation; or the first email; or "". */
static char *
compute_display_name (D360Contact *self)
{
  const char *parts[] = {
    get_string (self, PROP_HONORIFIC),
    get_string (self, PROP_GIVEN_NAME),
    get_string (self, PROP_FAMILY_NAME),
  };
  g_autoptr(GString) name = g_string_new (NULL);

  if (!is_blank (parts[1]) || !is_blank (parts[2]))
    {
      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        if (!is_blank (parts[i]))
          {
            g_autofree char *part = g_strstrip (g_strdup (parts[i]));

            if (name->len > 0)
              g_string_append_c (name, ' ');
            g_string_append (name, part);
          }
      return g_string_free (g_steal_pointer (&name), FALSE);
    }

  if (!is_blank (get_string (self, PROP_ORGANIZATION_NAME)))
    return g_strdup (get_string (self, PROP_ORGANIZATION_NAME));
  if (!is_blank (self->import_organization))
    return g_strdup (self->import_organization);
  if (self->emails->len > 0)
    return g_strdup (((D360Channel *) g_ptr_array_index (self->emails, 0))->value);

  return g_strdup ("");
}

static void
update_display_name (D360Contact *self)
{
  g_autofree char *name = NULL;

  if (self->building)
    return;   /* once, at d360_contact_end_building() */
  name = compute_display_name (self);

  if (g_strcmp0 (name, self->display_name) == 0)
    return;

  g_free (self->display_name);
  self->display_name = g_steal_pointer (&name);
  notify (self, PROP_DISPLAY_NAME);
  notify (self, PROP_INITIALS);
}

/* Sets a text property (NULL for empty), notifying only when it changed. */
static void
set_string (D360Contact *self,
            int          prop,
            const char  *value)
{
  char **field = &self->strings[prop - FIRST_STRING];

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  notify (self, prop);

  if (!self->loading &&
      (prop == PROP_HONORIFIC || prop == PROP_GIVEN_NAME || prop == PROP_FAMILY_NAME ||
       prop == PROP_ORGANIZATION_NAME))
    update_display_name (self);
}

/* A copy of @values, stripped, without empty members and without repeats
 * (never NULL). */
static GStrv
strv_clean (const char * const *values)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      char *value = g_strstrip (g_strdup (values[i]));

      if (*value == '\0')
        g_free (value);
      else if (g_hash_table_add (seen, value))
        g_strv_builder_add (builder, value);
    }

  return g_strv_builder_end (builder);
}

static void
set_strv (D360Contact        *self,
          GStrv              *field,
          const char * const *values,
          int                 prop)
{
  g_auto(GStrv) clean = NULL;

  if (self->loading)
    {
      /* As stored: already clean. */
      g_strfreev (*field);
      *field = values != NULL ? g_strdupv ((char **) values) : g_new0 (char *, 1);
      return;
    }

  clean = strv_clean (values);
  if (g_strv_equal ((const char * const *) *field, (const char * const *) clean))
    return;

  g_strfreev (*field);
  *field = g_steal_pointer (&clean);
  notify (self, prop);
}

static void
set_uint (D360Contact *self,
          guint       *field,
          guint        value,
          int          prop)
{
  if (*field == value)
    return;
  *field = value;
  notify (self, prop);
}

static void
set_int64 (D360Contact *self,
           gint64      *field,
           gint64       value,
           int          prop)
{
  if (*field == value)
    return;
  *field = value;
  notify (self, prop);
}

static void
set_channels (D360Contact  *self,
              GPtrArray   **field,
              GPtrArray    *channels,
              int           prop)
{
  g_autoptr(GPtrArray) copy = channels_new ();

  if (channels_equal (*field, channels))
    return;

  for (guint i = 0; channels != NULL && i < channels->len; i++)
    g_ptr_array_add (copy, d360_channel_copy (g_ptr_array_index (channels, i)));

  g_ptr_array_unref (*field);
  *field = g_steal_pointer (&copy);
  notify (self, prop);
  if (prop == PROP_EMAILS && !self->loading)
    update_display_name (self);
}

/* ---------------------------------------------------------------- GObject */

static void
d360_contact_finalize (GObject *object)
{
  D360Contact *self = (D360Contact *) object;

  for (guint i = 0; i < N_STRINGS; i++)
    g_free (self->strings[i]);
  g_strfreev (self->languages);
  g_strfreev (self->interest_countries);
  g_strfreev (self->tags);
  g_ptr_array_unref (self->emails);
  g_ptr_array_unref (self->phones);
  g_free (self->display_name);
  g_free (self->import_organization);

  G_OBJECT_CLASS (d360_contact_parent_class)->finalize (object);
}

static void
d360_contact_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  D360Contact *self = D360_CONTACT (object);

  if (prop_id >= FIRST_STRING && prop_id < N_PROPS)
    {
      g_value_set_string (value, get_string (self, prop_id));
      return;
    }

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_DISPLAY_NAME: g_value_set_string (value, self->display_name); break;
    case PROP_INITIALS: g_value_take_string (value, d360_contact_dup_initials (self)); break;
    case PROP_ORGANIZATION_ID: g_value_set_int64 (value, self->organization_id); break;
    case PROP_CATEGORY: g_value_set_int (value, self->category); break;
    case PROP_LANGUAGES: g_value_set_boxed (value, self->languages); break;
    case PROP_DIMENSIONS: g_value_set_uint (value, self->dimensions); break;
    case PROP_AGENDA_AREAS: g_value_set_uint (value, self->agenda_areas); break;
    case PROP_INTEREST_COUNTRIES: g_value_set_boxed (value, self->interest_countries); break;
    case PROP_INVESTMENT_MIN: g_value_set_int64 (value, self->investment_min); break;
    case PROP_INVESTMENT_MAX: g_value_set_int64 (value, self->investment_max); break;
    case PROP_TAGS: g_value_set_boxed (value, self->tags); break;
    case PROP_LEGAL_BASIS: g_value_set_int (value, self->legal_basis); break;
    case PROP_EMAILS: g_value_set_boxed (value, self->emails); break;
    case PROP_PHONES: g_value_set_boxed (value, self->phones); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_contact_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  D360Contact *self = D360_CONTACT (object);

  if (prop_id >= FIRST_STRING && prop_id < FIRST_RO)
    {
      set_string (self, prop_id, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_get_int64 (value); break;
    case PROP_ORGANIZATION_ID:
      d360_contact_set_organization_id (self, g_value_get_int64 (value));
      break;
    case PROP_CATEGORY: d360_contact_set_category (self, g_value_get_int (value)); break;
    case PROP_LANGUAGES: d360_contact_set_languages (self, g_value_get_boxed (value)); break;
    case PROP_DIMENSIONS: d360_contact_set_dimensions (self, g_value_get_uint (value)); break;
    case PROP_AGENDA_AREAS: d360_contact_set_agenda_areas (self, g_value_get_uint (value)); break;
    case PROP_INTEREST_COUNTRIES:
      d360_contact_set_interest_countries (self, g_value_get_boxed (value));
      break;
    case PROP_INVESTMENT_MIN: d360_contact_set_investment_min (self, g_value_get_int64 (value));
      break;
    case PROP_INVESTMENT_MAX: d360_contact_set_investment_max (self, g_value_get_int64 (value));
      break;
    case PROP_TAGS: d360_contact_set_tags (self, g_value_get_boxed (value)); break;
    case PROP_LEGAL_BASIS: d360_contact_set_legal_basis (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_contact_class_init (D360ContactClass *klass)
{
  static const char * const string_names[N_STRINGS] = {
    "uid", "honorific", "given-name", "family-name", "job-title", "country", "street",
    "locality", "region", "postal-code", "address-country", "sectors", "investment-currency",
    "notes", "basis-date", "basis-source", "birthday", "website",
    "organization-name", "created-at", "updated-at",
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = d360_contact_finalize;
  object_class->get_property = d360_contact_get_property;
  object_class->set_property = d360_contact_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, ro);
  properties[PROP_INITIALS] = g_param_spec_string ("initials", NULL, NULL, NULL, ro);
  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_CATEGORY] =
    g_param_spec_int ("category", NULL, NULL, 0, D360_N_CATEGORIES - 1, D360_CATEGORY_OTHER, rw);
  properties[PROP_LANGUAGES] = g_param_spec_boxed ("languages", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_DIMENSIONS] =
    g_param_spec_uint ("dimensions", NULL, NULL, 0, D360_ALL_DIMENSIONS, 0, rw);
  properties[PROP_AGENDA_AREAS] =
    g_param_spec_uint ("agenda-areas", NULL, NULL, 0, D360_ALL_AGENDA_AREAS, 0, rw);
  properties[PROP_INTEREST_COUNTRIES] =
    g_param_spec_boxed ("interest-countries", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_INVESTMENT_MIN] =
    g_param_spec_int64 ("investment-min", NULL, NULL, G_MININT64, G_MAXINT64, -1, rw);
  properties[PROP_INVESTMENT_MAX] =
    g_param_spec_int64 ("investment-max", NULL, NULL, G_MININT64, G_MAXINT64, -1, rw);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_LEGAL_BASIS] =
    g_param_spec_int ("legal-basis", NULL, NULL, 0, D360_N_BASES - 1, D360_BASIS_NONE, rw);
  properties[PROP_EMAILS] = g_param_spec_boxed ("emails", NULL, NULL, G_TYPE_PTR_ARRAY, ro);
  properties[PROP_PHONES] = g_param_spec_boxed ("phones", NULL, NULL, G_TYPE_PTR_ARRAY, ro);

  for (guint i = 0; i < N_STRINGS; i++)
    properties[FIRST_STRING + i] =
      g_param_spec_string (string_names[i], NULL, NULL, NULL,
                           FIRST_STRING + i < FIRST_RO ? rw : ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
d360_contact_init (D360Contact *self)
{
  self->category = D360_CATEGORY_OTHER;
  self->legal_basis = D360_BASIS_NONE;
  self->investment_min = -1;
  self->investment_max = -1;
  self->languages = g_new0 (char *, 1);
  self->interest_countries = g_new0 (char *, 1);
  self->tags = g_new0 (char *, 1);
  self->emails = channels_new ();
  self->phones = channels_new ();
  self->display_name = g_strdup ("");
}

/* ----------------------------------------------------------------- public */

/**
 * d360_contact_new:
 *
 * Returns: (transfer full): a person not yet stored (id 0), of category
 *   "other"
 */
D360Contact *
d360_contact_new (void)
{
  return g_object_new (D360_TYPE_CONTACT, NULL);
}

D360Contact *
d360_contact_new_with_id (gint64 id)
{
  return g_object_new (D360_TYPE_CONTACT, "id", id, NULL);
}

/**
 * d360_contact_copy:
 *
 * Copies every field, the id and the timestamps included: a working copy an
 * editor can change and save, or drop.
 *
 * Returns: (transfer full): the copy
 */
D360Contact *
d360_contact_copy (D360Contact *self)
{
  D360Contact *copy;

  g_return_val_if_fail (D360_IS_CONTACT (self), NULL);

  copy = d360_contact_new_with_id (self->id);
  copy->organization_id = self->organization_id;
  copy->category = self->category;
  copy->legal_basis = self->legal_basis;
  copy->dimensions = self->dimensions;
  copy->agenda_areas = self->agenda_areas;
  copy->investment_min = self->investment_min;
  copy->investment_max = self->investment_max;
  g_strfreev (copy->languages);
  copy->languages = g_strdupv (self->languages);
  g_strfreev (copy->interest_countries);
  copy->interest_countries = g_strdupv (self->interest_countries);
  g_strfreev (copy->tags);
  copy->tags = g_strdupv (self->tags);
  for (guint i = 0; i < self->emails->len; i++)
    g_ptr_array_add (copy->emails, d360_channel_copy (g_ptr_array_index (self->emails, i)));
  for (guint i = 0; i < self->phones->len; i++)
    g_ptr_array_add (copy->phones, d360_channel_copy (g_ptr_array_index (self->phones, i)));
  for (guint i = 0; i < N_STRINGS; i++)
    copy->strings[i] = g_strdup (self->strings[i]);
  g_free (copy->display_name);
  copy->display_name = g_strdup (self->display_name);
  copy->import_organization = g_strdup (self->import_organization);

  return copy;
}

gint64
d360_contact_get_id (D360Contact *self)
{
  g_return_val_if_fail (D360_IS_CONTACT (self), 0);
  return self->id;
}

void
d360_contact_set_id (D360Contact *self,
                     gint64       id)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  set_int64 (self, &self->id, id, PROP_ID);
}

#define STRING_ACCESSORS(name, PROP) \
  const char * \
  d360_contact_get_##name (D360Contact *self) \
  { \
    g_return_val_if_fail (D360_IS_CONTACT (self), NULL); \
    return get_string (self, PROP); \
  } \
  void \
  d360_contact_set_##name (D360Contact *self, \
                           const char  *value) \
  { \
    g_return_if_fail (D360_IS_CONTACT (self)); \
    set_string (self, PROP, value); \
  }

STRING_ACCESSORS (uid, PROP_UID)
STRING_ACCESSORS (honorific, PROP_HONORIFIC)
STRING_ACCESSORS (given_name, PROP_GIVEN_NAME)
STRING_ACCESSORS (family_name, PROP_FAMILY_NAME)
STRING_ACCESSORS (job_title, PROP_JOB_TITLE)
STRING_ACCESSORS (country, PROP_COUNTRY)
STRING_ACCESSORS (street, PROP_STREET)
STRING_ACCESSORS (locality, PROP_LOCALITY)
STRING_ACCESSORS (region, PROP_REGION)
STRING_ACCESSORS (postal_code, PROP_POSTAL_CODE)
STRING_ACCESSORS (address_country, PROP_ADDRESS_COUNTRY)
STRING_ACCESSORS (sectors, PROP_SECTORS)
STRING_ACCESSORS (investment_currency, PROP_INVESTMENT_CURRENCY)
STRING_ACCESSORS (notes, PROP_NOTES)
STRING_ACCESSORS (basis_date, PROP_BASIS_DATE)
STRING_ACCESSORS (basis_source, PROP_BASIS_SOURCE)
STRING_ACCESSORS (birthday, PROP_BIRTHDAY)
STRING_ACCESSORS (website, PROP_WEBSITE)
STRING_ACCESSORS (organization_name, PROP_ORGANIZATION_NAME)
STRING_ACCESSORS (created_at, PROP_CREATED_AT)
STRING_ACCESSORS (updated_at, PROP_UPDATED_AT)

#undef STRING_ACCESSORS

const char *
d360_contact_get_display_name (D360Contact *self)
{
  g_return_val_if_fail (D360_IS_CONTACT (self), NULL);
  return self->display_name;
}

/**
 * d360_contact_dup_initials:
 *
 * Returns: (transfer full): up to two capital letters: of the given and
 *   family names, else of the display name's first two words
 */
char *
d360_contact_dup_initials (D360Contact *self)
{
  g_autoptr(GString) initials = g_string_new (NULL);
  const char *given, *family;

  g_return_val_if_fail (D360_IS_CONTACT (self), NULL);

  given = get_string (self, PROP_GIVEN_NAME);
  family = get_string (self, PROP_FAMILY_NAME);

  if (!is_blank (given) || !is_blank (family))
    {
      const char *names[] = { given, family };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          const char *p = names[i];

          while (p != NULL && *p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          if (p != NULL && *p != '\0')
            g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (p)));
        }
    }
  else
    {
      gboolean at_word_start = TRUE;

      for (const char *p = self->display_name; *p != '\0' && initials->len < 8;
           p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (!g_unichar_isalnum (c))
            at_word_start = TRUE;
          else if (at_word_start)
            {
              if (g_utf8_strlen (initials->str, -1) < 2)
                g_string_append_unichar (initials, g_unichar_toupper (c));
              at_word_start = FALSE;
            }
        }
    }

  return g_string_free (g_steal_pointer (&initials), FALSE);
}

gint64
d360_contact_get_organization_id (D360Contact *self)
{
  g_return_val_if_fail (D360_IS_CONTACT (self), 0);
  return self->organization_id;
}

void
d360_contact_set_organization_id (D360Contact *self,
                                  gint64       organization_id)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  g_return_if_fail (organization_id >= 0);

  if (self->organization_id == organization_id)
    return;
  self->organization_id = organization_id;
  notify (self, PROP_ORGANIZATION_ID);
}

/**
 * d360_contact_set_organization_name_for_import:
 * @name: (nullable): the organisation's name as the file gives it
 *
 * For an import: the store links the person to the organisation of this name
 * (folded case and diacritics), creating it when it does not exist.
 */
void
d360_contact_set_organization_name_for_import (D360Contact *self,
                                               const char  *name)
{
  g_return_if_fail (D360_IS_CONTACT (self));

  g_free (self->import_organization);
  self->import_organization = is_blank (name) ? NULL : g_strstrip (g_strdup (name));
  update_display_name (self);
}

const char *
d360_contact_get_organization_name_for_import (D360Contact *self)
{
  g_return_val_if_fail (D360_IS_CONTACT (self), NULL);
  return self->import_organization;
}

D360Category
d360_contact_get_category (D360Contact *self)
{
  g_return_val_if_fail (D360_IS_CONTACT (self), D360_CATEGORY_OTHER);
  return self->category;
}

void
d360_contact_set_category (D360Contact  *self,
                           D360Category  category)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  g_return_if_fail (category < D360_N_CATEGORIES);

  if (self->category == category)
    return;
  self->category = category;
  notify (self, PROP_CATEGORY);
}

const char * const *
d360_contact_get_languages (D360Contact *self)
{
  g_return_val_if_fail (D360_IS_CONTACT (self), NULL);
  return (const char * const *) self->languages;
}

void
d360_contact_set_languages (D360Contact        *self,
                            const char * const *languages)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  set_strv (self, &self->languages, languages, PROP_LANGUAGES);
}

/**
 * d360_contact_get_emails:
 *
 * Returns: (transfer none) (element-type D360Channel): the email addresses,
 *   the main one first
 */
GPtrArray *
d360_contact_get_emails (D360Contact *self)
{
  g_return_val_if_fail (D360_IS_CONTACT (self), NULL);
  return self->emails;
}

/**
 * d360_contact_set_emails:
 * @emails: (nullable) (element-type D360Channel): copied
 */
void
d360_contact_set_emails (D360Contact *self,
                         GPtrArray   *emails)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  set_channels (self, &self->emails, emails, PROP_EMAILS);
}

GPtrArray *
d360_contact_get_phones (D360Contact *self)
{
  g_return_val_if_fail (D360_IS_CONTACT (self), NULL);
  return self->phones;
}

void
d360_contact_set_phones (D360Contact *self,
                         GPtrArray   *phones)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  set_channels (self, &self->phones, phones, PROP_PHONES);
}

void
d360_contact_add_email (D360Contact *self,
                        const char  *value,
                        guint        types,
                        const char  *label)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  g_return_if_fail (value != NULL);

  g_ptr_array_add (self->emails, d360_channel_new (value, types, label));
  notify (self, PROP_EMAILS);
  update_display_name (self);
}

void
d360_contact_add_phone (D360Contact *self,
                        const char  *value,
                        guint        types,
                        const char  *label)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  g_return_if_fail (value != NULL);

  g_ptr_array_add (self->phones, d360_channel_new (value, types, label));
  notify (self, PROP_PHONES);
}

guint
d360_contact_get_dimensions (D360Contact *self)
{
  g_return_val_if_fail (D360_IS_CONTACT (self), 0);
  return self->dimensions;
}

void
d360_contact_set_dimensions (D360Contact *self,
                             guint        dimensions)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  set_uint (self, &self->dimensions, dimensions & D360_ALL_DIMENSIONS, PROP_DIMENSIONS);
}

guint
d360_contact_get_agenda_areas (D360Contact *self)
{
  g_return_val_if_fail (D360_IS_CONTACT (self), 0);
  return self->agenda_areas;
}

void
d360_contact_set_agenda_areas (D360Contact *self,
                               guint        agenda_areas)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  set_uint (self, &self->agenda_areas, agenda_areas & D360_ALL_AGENDA_AREAS,
            PROP_AGENDA_AREAS);
}

const char * const *
d360_contact_get_interest_countries (D360Contact *self)
{
  g_return_val_if_fail (D360_IS_CONTACT (self), NULL);
  return (const char * const *) self->interest_countries;
}

void
d360_contact_set_interest_countries (D360Contact        *self,
                                     const char * const *countries)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  set_strv (self, &self->interest_countries, countries, PROP_INTEREST_COUNTRIES);
}

gint64
d360_contact_get_investment_min (D360Contact *self)
{
  g_return_val_if_fail (D360_IS_CONTACT (self), -1);
  return self->investment_min;
}

void
d360_contact_set_investment_min (D360Contact *self,
                                 gint64       minor)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  set_int64 (self, &self->investment_min, minor, PROP_INVESTMENT_MIN);
}

gint64
d360_contact_get_investment_max (D360Contact *self)
{
  g_return_val_if_fail (D360_IS_CONTACT (self), -1);
  return self->investment_max;
}

void
d360_contact_set_investment_max (D360Contact *self,
                                 gint64       minor)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  set_int64 (self, &self->investment_max, minor, PROP_INVESTMENT_MAX);
}

const char * const *
d360_contact_get_tags (D360Contact *self)
{
  g_return_val_if_fail (D360_IS_CONTACT (self), NULL);
  return (const char * const *) self->tags;
}

void
d360_contact_set_tags (D360Contact        *self,
                       const char * const *tags)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  set_strv (self, &self->tags, tags, PROP_TAGS);
}

D360LegalBasis
d360_contact_get_legal_basis (D360Contact *self)
{
  g_return_val_if_fail (D360_IS_CONTACT (self), D360_BASIS_NONE);
  return self->legal_basis;
}

void
d360_contact_set_legal_basis (D360Contact    *self,
                              D360LegalBasis  basis)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  g_return_if_fail (basis < D360_N_BASES);

  if (self->legal_basis == basis)
    return;
  self->legal_basis = basis;
  notify (self, PROP_LEGAL_BASIS);
}

/**
 * d360_contact_begin_building:
 *
 * For a reader making a new contact nobody has yet out of a file: until
 * d360_contact_end_building(), the setters clean their values as always but
 * notify nobody and leave the display name alone (it was worked out again
 * after each name, organisation and email: a fifth of the conversion of a
 * file of 100 000 cards).
 */
void
d360_contact_begin_building (D360Contact *self)
{
  g_return_if_fail (D360_IS_CONTACT (self));

  self->building = TRUE;
}

void
d360_contact_end_building (D360Contact *self)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  g_return_if_fail (self->building);

  self->building = FALSE;
  update_display_name (self);
}

/**
 * d360_contact_begin_loading:
 *
 * For the store, reading a new contact nobody has yet: until
 * d360_contact_end_loading(), the setters take the values as stored (lists
 * already clean), notify nobody and leave the display name alone.
 */
void
d360_contact_begin_loading (D360Contact *self)
{
  g_return_if_fail (D360_IS_CONTACT (self));

  self->loading = TRUE;
}

void
d360_contact_end_loading (D360Contact *self)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  g_return_if_fail (self->loading);

  self->loading = FALSE;
  update_display_name (self);
}

/* Gives @self @channels (of D360Channel) as they are, without copying them:
 * only while loading. */
static void
take_channels (D360Contact  *self,
               GPtrArray   **field,
               GPtrArray    *channels)
{
  g_return_if_fail (self->loading);

  g_ptr_array_set_free_func (channels, (GDestroyNotify) d360_channel_free);
  g_ptr_array_unref (*field);
  *field = channels;
}

void
d360_contact_take_emails (D360Contact *self,
                          GPtrArray   *emails)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  take_channels (self, &self->emails, emails);
}

void
d360_contact_take_phones (D360Contact *self,
                          GPtrArray   *phones)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  take_channels (self, &self->phones, phones);
}

/* Gives @self @tags (NULL-terminated, clean) as they are: only while loading. */
void
d360_contact_take_tags (D360Contact *self,
                        GStrv        tags)
{
  g_return_if_fail (D360_IS_CONTACT (self));
  g_return_if_fail (self->loading);

  g_strfreev (self->tags);
  self->tags = tags;
}

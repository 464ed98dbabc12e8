/* d360-contact-editor.c — every field of one person, saved as the user types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As in the project editor, the editor holds the person as stored: the last
 * valid value of every field. A pause in typing (or leaving a field) copies
 * each valid field into it and saves it; a field that is not valid keeps its
 * stored value and says why on its row. A new person is saved the first time
 * it has a name, an email address or an organisation, and is then compared
 * with the people already stored.
 *
 * The organisation is typed by name: when the field is left, the name is
 * looked up among the organisations, and a new one is created for a name that
 * is not there yet. The ▾ button picks an existing one from a searchable list.
 */

#define G_LOG_DOMAIN "d360-contact-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "d360-channel-row.h"
#include "d360-codes-row.h"
#include "d360-contact-editor.h"
#include "d360-flags-row.h"
#include "d360-form.h"
#include "d360-iso-codes.h"
#include "d360-money.h"
#include "d360-store-portfolio.h"
#include "d360-validate.h"

#define SAVE_DELAY_MS 500

/* The plain text rows and the contact properties they edit. */
enum {
  TEXT_HONORIFIC,
  TEXT_GIVEN,
  TEXT_FAMILY,
  TEXT_JOB,
  TEXT_STREET,
  TEXT_LOCALITY,
  TEXT_REGION,
  TEXT_POSTAL_CODE,
  TEXT_SECTORS,
  TEXT_BASIS_SOURCE,
  N_TEXTS
};

static const char * const text_properties[N_TEXTS] = {
  [TEXT_HONORIFIC] = "honorific",
  [TEXT_GIVEN] = "given-name",
  [TEXT_FAMILY] = "family-name",
  [TEXT_JOB] = "job-title",
  [TEXT_STREET] = "street",
  [TEXT_LOCALITY] = "locality",
  [TEXT_REGION] = "region",
  [TEXT_POSTAL_CODE] = "postal-code",
  [TEXT_SECTORS] = "sectors",
  [TEXT_BASIS_SOURCE] = "basis-source",
};

struct _D360ContactEditor
{
  AdwBin             parent_instance;

  D360Store         *store;
  D360Contact       *contact;          /* as stored: the last valid values */
  D360Debouncer     *debouncer;
  GPtrArray         *country_codes;    /* item - 1 of the country row → code */
  GPtrArray         *address_country_codes;
  GPtrArray         *currency_codes;   /* item - 1 of the currency row → code */
  GListModel        *organizations;
  char              *organization_text; /* the name of the organisation stored */
  AdwEntryRow       *text_rows[N_TEXTS];
  gint64             duplicate_id;
  guint              leave_idle_id;
  gboolean           loading;
  gboolean           is_new;           /* created in this editor: look for duplicates */
  gboolean           picked;           /* an organisation was picked from the list */
  gboolean           syncing_calendar;
  gboolean           show_back_button;

  GtkWidget         *back_button;
  GtkLabel          *status_label;
  GtkScrolledWindow *scrolled_window;
  GtkRevealer       *duplicate_revealer;
  AdwActionRow      *duplicate_row;
  AdwAvatar         *avatar;
  GtkLabel          *name_label;
  GtkLabel          *role_label;
  AdwEntryRow       *honorific_row;
  AdwEntryRow       *given_row;
  AdwEntryRow       *family_row;
  AdwEntryRow       *job_row;
  AdwEntryRow       *organization_row;
  GtkMenuButton     *organization_button;
  GtkPopover        *organization_popover;
  GtkSearchEntry    *organization_search;
  GtkListView       *organization_list;
  GtkNoSelection    *organization_selection;
  AdwComboRow       *category_row;
  GtkWidget         *add_email_button;
  GtkWidget         *add_phone_button;
  GtkListBox        *emails_list;
  GtkListBox        *phones_list;
  AdwComboRow       *country_row;
  D360CodesRow      *languages_row;
  AdwEntryRow       *street_row;
  AdwEntryRow       *locality_row;
  AdwEntryRow       *region_row;
  AdwEntryRow       *postal_code_row;
  AdwComboRow       *address_country_row;
  AdwEntryRow       *sectors_row;
  D360FlagsRow      *dimensions_row;
  D360FlagsRow      *agenda_row;
  D360CodesRow      *interest_countries_row;
  AdwEntryRow       *investment_min_row;
  AdwEntryRow       *investment_max_row;
  AdwComboRow       *currency_row;
  AdwEntryRow       *tags_row;
  AdwEntryRow       *website_row;
  GtkTextView       *notes_view;
  AdwComboRow       *basis_row;
  AdwEntryRow       *basis_date_row;
  GtkPopover        *basis_date_popover;
  GtkCalendar       *basis_calendar;
  AdwEntryRow       *basis_source_row;
};

G_DEFINE_FINAL_TYPE (D360ContactEditor, d360_contact_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTACT_ID,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void field_changed_cb (D360ContactEditor *self);
static void field_left_cb    (D360ContactEditor *self);

/* ---------------------------------------------------------------- helpers */

static void
show_toast (D360ContactEditor *self,
            const char        *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
  else
    g_message ("%s", text);
}

static gboolean
contains_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
fill_codes (AdwComboRow     *row,
            GPtrArray       *codes,
            D360IsoStandard  standard,
            const char      *none)
{
  const GPtrArray *entries = d360_iso_codes_get (standard);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, none);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const D360IsoEntry *entry = g_ptr_array_index (entries, i);

      if (standard == D360_ISO_CURRENCIES)
        {
          /* Translators: a currency in a list: its name and ISO 4217 code, "Euro (EUR)" */
          g_autofree char *label = g_strdup_printf (_("%s (%s)"), entry->name, entry->code);

          gtk_string_list_append (names, label);
        }
      else
        gtk_string_list_append (names, entry->name);
      if (codes != NULL)
        g_ptr_array_add (codes, entry->code);
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
}

static void
fill_choices (D360ContactEditor *self)
{
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) bases = gtk_string_list_new (NULL);
  const char *labels[MAX (D360_N_DIMENSIONS, D360_N_AGENDA_AREAS)];

  for (guint i = 0; i < D360_N_CATEGORIES; i++)
    gtk_string_list_append (categories, d360_category_get_label (i));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (categories));

  for (guint i = 0; i < D360_N_BASES; i++)
    gtk_string_list_append (bases, d360_legal_basis_get_label (i));
  adw_combo_row_set_model (self->basis_row, G_LIST_MODEL (bases));

  fill_codes (self->country_row, self->country_codes, D360_ISO_COUNTRIES,
              C_("country", "None"));
  fill_codes (self->address_country_row, self->address_country_codes, D360_ISO_COUNTRIES,
              C_("country", "None"));
  fill_codes (self->currency_row, self->currency_codes, D360_ISO_CURRENCIES,
              C_("currency", "None"));

  for (guint i = 0; i < D360_N_DIMENSIONS; i++)
    labels[i] = d360_dimension_get_label (i);
  d360_flags_row_set_items (self->dimensions_row, labels, D360_N_DIMENSIONS);
  for (guint i = 0; i < D360_N_AGENDA_AREAS; i++)
    labels[i] = d360_agenda_area_get_label (i);
  d360_flags_row_set_items (self->agenda_row, labels, D360_N_AGENDA_AREAS);
}

/* The item of @code in a row filled by fill_codes(); a code the list lacks is
 * added so that it stays shown. */
static guint
find_code (AdwComboRow *row,
           GPtrArray   *codes,
           const char  *code)
{
  guint index;

  if (code == NULL)
    return 0;
  if (g_ptr_array_find_with_equal_func (codes, code, g_str_equal, &index))
    return index + 1;

  gtk_string_list_append (GTK_STRING_LIST (adw_combo_row_get_model (row)), code);
  g_ptr_array_add (codes, (gpointer) g_intern_string (code));
  return codes->len;
}

static const char *
get_code (AdwComboRow *row,
          GPtrArray   *codes)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > codes->len)
    return NULL;
  return g_ptr_array_index (codes, selected - 1);
}

static void
set_status (D360ContactEditor *self,
            const char        *text,
            gboolean           is_error)
{
  GtkWidget *label = GTK_WIDGET (self->status_label);

  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (label, is_error ? text : NULL);
  if (is_error)
    {
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "error");
    }
  else
    {
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_add_css_class (label, "dim-label");
    }
}

static void
set_entry_text (AdwEntryRow *row,
                const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  d360_form_set_row_error (GTK_WIDGET (row), NULL);
}

static gboolean
has_email (D360ContactEditor *self)
{
  return self->contact != NULL && d360_contact_get_emails (self->contact) != NULL &&
         d360_contact_get_emails (self->contact)->len > 0;
}

static void
update_actions (D360ContactEditor *self)
{
  gboolean stored = self->contact != NULL && d360_contact_get_id (self->contact) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.write-email", has_email (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.export-data", stored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.erase", stored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.open-duplicate",
                                 self->duplicate_id > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.merge-duplicate",
                                 self->duplicate_id > 0 && stored);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.dismiss-duplicate",
                                 self->duplicate_id > 0);
}

static void
update_header (D360ContactEditor *self)
{
  const char *name = self->contact != NULL ? d360_contact_get_display_name (self->contact) : NULL;
  const char *job = self->contact != NULL ? d360_contact_get_job_title (self->contact) : NULL;
  const char *organization = self->organization_text;
  g_autofree char *avatar = NULL;
  g_autofree char *role = NULL;

  if (name == NULL || *name == '\0')
    name = _("New Person");
  avatar = self->contact != NULL ? d360_contact_editor_dup_avatar_text (self->contact) : NULL;
  adw_avatar_set_text (self->avatar, avatar != NULL ? avatar : name);
  gtk_label_set_text (self->name_label, name);

  if (job != NULL && organization != NULL)
    /* Translators: a person's job title and organisation: "Consul · Embassy of France" */
    role = g_strdup_printf (_("%s · %s"), job, organization);
  else
    role = g_strdup (job != NULL ? job : organization);
  gtk_label_set_text (self->role_label, role != NULL ? role : "");
  gtk_widget_set_visible (GTK_WIDGET (self->role_label), role != NULL);
}

static void
hide_duplicate (D360ContactEditor *self)
{
  self->duplicate_id = 0;
  gtk_revealer_set_reveal_child (self->duplicate_revealer, FALSE);
  update_actions (self);
}

/* A new person who seems to be stored already: offers to open or merge. */
static void
check_duplicates (D360ContactEditor *self)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(D360Contact) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  GPtrArray *emails;
  gint64 other_id;

  if (!self->is_new || self->contact == NULL || self->store == NULL)
    return;

  ids = d360_store_find_duplicates_of (self->store, self->contact, &error);
  if (ids == NULL || ids->len == 0)
    {
      if (error != NULL)
        g_warning ("Could not look for duplicates: %s", error->message);
      hide_duplicate (self);
      return;
    }

  other_id = g_array_index (ids, gint64, 0);
  other = d360_store_get_contact (self->store, other_id, NULL);
  if (other == NULL)
    {
      hide_duplicate (self);
      return;
    }

  emails = d360_contact_get_emails (other);
  if (emails != NULL && emails->len > 0)
    /* Translators: the person already stored that a new one may duplicate:
     * "Ana Popescu (ana@example.ro)" */
    subtitle = g_strdup_printf (_("%s (%s)"), d360_contact_get_display_name (other),
                                ((D360Channel *) g_ptr_array_index (emails, 0))->value);
  else
    subtitle = g_strdup (d360_contact_get_display_name (other));
  adw_action_row_set_subtitle (self->duplicate_row, subtitle);

  self->duplicate_id = other_id;
  gtk_revealer_set_reveal_child (self->duplicate_revealer, TRUE);
  update_actions (self);
}

static void
clear_channel_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    {
      /* The placeholder is not a row. */
      if (!GTK_IS_LIST_BOX_ROW (child))
        {
          GtkWidget *next = gtk_widget_get_next_sibling (child);

          if (next == NULL)
            break;
          child = next;
        }
      gtk_list_box_remove (list, child);
    }
}

static void channel_remove_cb (D360ContactEditor *self,
                               D360ChannelRow    *row);

static GtkWidget *
add_channel_row (D360ContactEditor *self,
                 gboolean           is_email,
                 const D360Channel *channel)
{
  GtkWidget *row = d360_channel_row_new (is_email, channel);

  g_signal_connect_object (row, "channel-changed", G_CALLBACK (field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "left", G_CALLBACK (field_left_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove-requested", G_CALLBACK (channel_remove_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_append (is_email ? self->emails_list : self->phones_list, row);
  return row;
}

static void
load_channels (D360ContactEditor *self,
               gboolean           is_email)
{
  GtkListBox *list = is_email ? self->emails_list : self->phones_list;
  GPtrArray *channels = NULL;

  clear_channel_rows (list);
  if (self->contact != NULL)
    channels = is_email ? d360_contact_get_emails (self->contact)
                        : d360_contact_get_phones (self->contact);
  for (guint i = 0; channels != NULL && i < channels->len; i++)
    add_channel_row (self, is_email, g_ptr_array_index (channels, i));
}

static char *
join_strv (const char * const *strv)
{
  if (strv == NULL || strv[0] == NULL)
    return NULL;
  /* Translators: separates tags in the tags field */
  return g_strjoinv (_(", "), (char **) strv);
}

/* Shows every field of self->contact. */
static void
load_fields (D360ContactEditor *self)
{
  D360Contact *contact = self->contact;
  g_autofree char *tags = NULL;
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;
  g_autofree char *basis_date = NULL;
  const char *currency = NULL;

  self->loading = TRUE;

  for (guint i = 0; i < N_TEXTS; i++)
    {
      g_autofree char *text = NULL;

      if (contact != NULL)
        g_object_get (contact, text_properties[i], &text, NULL);
      set_entry_text (self->text_rows[i], text);
    }

  g_clear_pointer (&self->organization_text, g_free);
  if (contact != NULL && d360_contact_get_organization_id (contact) > 0)
    self->organization_text = g_strdup (d360_contact_get_organization_name (contact));
  set_entry_text (self->organization_row, self->organization_text);

  adw_combo_row_set_selected (self->category_row,
                              contact != NULL ? (guint) d360_contact_get_category (contact)
                                              : D360_CATEGORY_OTHER);
  adw_combo_row_set_selected (self->country_row,
                              find_code (self->country_row, self->country_codes,
                                         contact != NULL ? d360_contact_get_country (contact)
                                                         : NULL));
  adw_combo_row_set_selected (self->address_country_row,
                              find_code (self->address_country_row,
                                         self->address_country_codes,
                                         contact != NULL
                                           ? d360_contact_get_address_country (contact)
                                           : NULL));
  d360_codes_row_set_codes (self->languages_row,
                            contact != NULL ? d360_contact_get_languages (contact) : NULL);
  d360_codes_row_set_codes (self->interest_countries_row,
                            contact != NULL ? d360_contact_get_interest_countries (contact)
                                            : NULL);
  d360_flags_row_set_value (self->dimensions_row,
                            contact != NULL ? d360_contact_get_dimensions (contact) : 0);
  d360_flags_row_set_value (self->agenda_row,
                            contact != NULL ? d360_contact_get_agenda_areas (contact) : 0);

  if (contact != NULL)
    currency = d360_contact_get_investment_currency (contact);
  adw_combo_row_set_selected (self->currency_row,
                              find_code (self->currency_row, self->currency_codes, currency));
  if (contact != NULL && currency != NULL && d360_contact_get_investment_min (contact) >= 0)
    min = d360_money_format_amount (d360_contact_get_investment_min (contact), currency);
  if (contact != NULL && currency != NULL && d360_contact_get_investment_max (contact) >= 0)
    max = d360_money_format_amount (d360_contact_get_investment_max (contact), currency);
  set_entry_text (self->investment_min_row, min);
  set_entry_text (self->investment_max_row, max);

  if (contact != NULL)
    tags = join_strv (d360_contact_get_tags (contact));
  set_entry_text (self->tags_row, tags);
  set_entry_text (self->website_row, contact != NULL ? d360_contact_get_website (contact) : NULL);
  d360_form_set_text_view (self->notes_view,
                           contact != NULL ? d360_contact_get_notes (contact) : NULL);

  adw_combo_row_set_selected (self->basis_row,
                              contact != NULL ? (guint) d360_contact_get_legal_basis (contact)
                                              : D360_BASIS_NONE);
  if (contact != NULL)
    basis_date = d360_form_format_date (d360_contact_get_basis_date (contact));
  set_entry_text (self->basis_date_row, basis_date);

  load_channels (self, TRUE);
  load_channels (self, FALSE);

  self->loading = FALSE;

  set_status (self, NULL, FALSE);
  update_header (self);
  update_actions (self);
}

/* Shows @message on @row, or clears its error. A new error waits until the
 * user leaves the row, unless @show says to show it now. */
static void
report (GtkWidget  *row,
        const char *message,
        gboolean    show)
{
  const char *shown = d360_form_get_row_error (row);

  if (g_strcmp0 (shown, message) == 0)
    return;

  if (message == NULL || shown != NULL || show || !contains_focus (row))
    d360_form_set_row_error (row, message);
}

static gboolean
update_string (D360Contact *contact,
               const char  *property,
               const char  *value)
{
  g_autofree char *old = NULL;

  g_object_get (contact, property, &old, NULL);
  if (g_strcmp0 (old, value) == 0)
    return FALSE;

  g_object_set (contact, property, value, NULL);
  return TRUE;
}

static gboolean
update_strv (D360Contact         *contact,
             const char          *property,
             const char * const  *value)
{
  g_auto(GStrv) old = NULL;
  const char * const empty[] = { NULL };

  g_object_get (contact, property, &old, NULL);
  if (g_strv_equal (old != NULL ? (const char * const *) old : empty,
                    value != NULL ? value : empty))
    return FALSE;

  g_object_set (contact, property, value, NULL);
  return TRUE;
}

#define UPDATE(contact, field, value) \
  (d360_contact_get_##field (contact) != (value) \
   ? (d360_contact_set_##field (contact, value), TRUE) : FALSE)

static gboolean
channels_equal (GPtrArray *a,
                GPtrArray *b)
{
  guint a_len = a != NULL ? a->len : 0;
  guint b_len = b != NULL ? b->len : 0;

  if (a_len != b_len)
    return FALSE;
  for (guint i = 0; i < a_len; i++)
    {
      const D360Channel *x = g_ptr_array_index (a, i);
      const D360Channel *y = g_ptr_array_index (b, i);

      if (g_strcmp0 (x->value, y->value) != 0 || x->types != y->types ||
          g_strcmp0 (x->label, y->label) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Checks one email or phone with the store's own rules, on a person that has
 * nothing else that could be wrong. */
static gboolean
validate_channel (gboolean            is_email,
                  const D360Channel  *channel,
                  GError            **error)
{
  g_autoptr(D360Contact) probe = d360_contact_new ();

  if (is_email)
    d360_contact_add_email (probe, channel->value, channel->types, channel->label);
  else
    {
      d360_contact_set_given_name (probe, "Probe");
      d360_contact_add_phone (probe, channel->value, channel->types, channel->label);
    }
  return d360_store_validate_contact (probe, error);
}

static gboolean
apply_channels (D360ContactEditor *self,
                gboolean           is_email,
                gboolean           show_errors)
{
  GtkListBox *list = is_email ? self->emails_list : self->phones_list;
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                  d360_channel_free);
  gboolean valid = TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(D360Channel) channel = NULL;
      g_autoptr(GError) error = NULL;

      if (!D360_IS_CHANNEL_ROW (child))
        continue;
      channel = d360_channel_row_dup_channel (D360_CHANNEL_ROW (child));
      if (channel->value == NULL)
        {
          report (child, NULL, show_errors);
          continue;
        }
      if (!validate_channel (is_email, channel, &error))
        {
          report (child, error->message, show_errors);
          valid = FALSE;
          continue;
        }
      report (child, NULL, show_errors);
      g_ptr_array_add (channels, g_steal_pointer (&channel));
    }

  if (!valid)
    return FALSE;

  if (is_email)
    {
      if (channels_equal (d360_contact_get_emails (self->contact), channels))
        return FALSE;
      d360_contact_set_emails (self->contact, channels);
    }
  else
    {
      if (channels_equal (d360_contact_get_phones (self->contact), channels))
        return FALSE;
      d360_contact_set_phones (self->contact, channels);
    }
  return TRUE;
}

/* The organisation is resolved by name once the field is left (@commit): a
 * name being typed is not an organisation yet. */
static gboolean
apply_organization (D360ContactEditor *self,
                    gboolean           commit)
{
  g_autofree char *text = d360_form_dup_text (GTK_EDITABLE (self->organization_row));
  g_autoptr(D360Organization) organization = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (text, self->organization_text) == 0)
    return FALSE;

  if (text == NULL)
    {
      g_clear_pointer (&self->organization_text, g_free);
      return UPDATE (self->contact, organization_id, 0);
    }

  if (!commit || self->store == NULL)
    return FALSE;

  organization = d360_store_find_organization_by_name (self->store, text);
  if (organization == NULL)
    {
      organization = d360_organization_new (text);
      if (!d360_store_save_organization (self->store, organization, &error))
        {
          report (GTK_WIDGET (self->organization_row), error->message, TRUE);
          return FALSE;
        }
      {
        /* Translators: a toast; %s is the name of an organisation */
        g_autofree char *toast = g_strdup_printf (_("Organisation “%s” added"), text);

        show_toast (self, toast);
      }
    }

  report (GTK_WIDGET (self->organization_row), NULL, TRUE);
  g_free (self->organization_text);
  self->organization_text = g_strdup (d360_organization_get_name (organization));
  return UPDATE (self->contact, organization_id, d360_organization_get_id (organization));
}

/* The amounts are kept in the currency's minor units, so they and the
 * currency are only ever stored together. */
static gboolean
apply_investment (D360ContactEditor *self,
                  gboolean           show_errors)
{
  g_autofree char *min_text = d360_form_dup_text (GTK_EDITABLE (self->investment_min_row));
  g_autofree char *max_text = d360_form_dup_text (GTK_EDITABLE (self->investment_max_row));
  const char *currency = get_code (self->currency_row, self->currency_codes);
  g_autoptr(GError) min_error = NULL;
  g_autoptr(GError) max_error = NULL;
  const char *currency_message = NULL;
  const char *min_message = NULL;
  const char *max_message = NULL;
  gint64 min = -1, max = -1;
  gboolean changed;

  if ((min_text != NULL || max_text != NULL) && currency == NULL)
    currency_message = _("Choose the currency of the amounts.");
  else if (currency != NULL && !d360_currency_is_valid (currency))
    currency_message = _("Choose a currency from the list.");

  if (currency_message == NULL && min_text != NULL &&
      !d360_money_parse (min_text, currency, D360_MAX_BUDGET_MINOR, &min, &min_error))
    min_message = min_error->message;
  if (currency_message == NULL && max_text != NULL &&
      !d360_money_parse (max_text, currency, D360_MAX_BUDGET_MINOR, &max, &max_error))
    max_message = max_error->message;
  if (min_message == NULL && max_message == NULL && min >= 0 && max >= 0 && min > max)
    max_message = _("The upper amount cannot be below the lower one.");

  report (GTK_WIDGET (self->currency_row), currency_message, show_errors);
  report (GTK_WIDGET (self->investment_min_row), min_message, show_errors);
  report (GTK_WIDGET (self->investment_max_row), max_message, show_errors);
  if (currency_message != NULL || min_message != NULL || max_message != NULL)
    return FALSE;

  changed = UPDATE (self->contact, investment_min, min);
  changed |= UPDATE (self->contact, investment_max, max);
  changed |= update_string (self->contact, "investment-currency", currency);
  return changed;
}

static GStrv
parse_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);
      g_autofree char *key = NULL;

      if (*tag == '\0')
        continue;
      key = g_utf8_casefold (tag, -1);
      if (g_hash_table_contains (seen, key))
        continue;
      g_hash_table_add (seen, g_steal_pointer (&key));
      g_strv_builder_add (builder, tag);
    }
  return g_strv_builder_end (builder);
}

/* Copies every valid field into self->contact; TRUE when something changed. */
static gboolean
apply_fields (D360ContactEditor *self,
              gboolean           show_errors)
{
  D360Contact *contact = self->contact;
  g_autofree char *notes = d360_form_dup_text_view (self->notes_view);
  g_autofree char *website = d360_form_dup_text (GTK_EDITABLE (self->website_row));
  g_autofree char *tags_text = d360_form_dup_text (GTK_EDITABLE (self->tags_row));
  g_auto(GStrv) tags = parse_tags (tags_text);
  g_autofree char *basis_date = NULL;
  g_autoptr(GError) date_error = NULL;
  guint category = adw_combo_row_get_selected (self->category_row);
  guint basis = adw_combo_row_get_selected (self->basis_row);
  gboolean changed = FALSE;

  for (guint i = 0; i < N_TEXTS; i++)
    {
      g_autofree char *text = d360_form_dup_text (GTK_EDITABLE (self->text_rows[i]));

      changed |= update_string (contact, text_properties[i], text);
    }

  changed |= apply_organization (self, show_errors);
  if (category < D360_N_CATEGORIES)
    changed |= UPDATE (contact, category, (D360Category) category);
  changed |= update_string (contact, "country", get_code (self->country_row,
                                                          self->country_codes));
  changed |= update_string (contact, "address-country",
                            get_code (self->address_country_row,
                                      self->address_country_codes));
  changed |= update_strv (contact, "languages", d360_codes_row_get_codes (self->languages_row));
  changed |= update_strv (contact, "interest-countries",
                          d360_codes_row_get_codes (self->interest_countries_row));
  changed |= UPDATE (contact, dimensions, d360_flags_row_get_value (self->dimensions_row));
  changed |= UPDATE (contact, agenda_areas, d360_flags_row_get_value (self->agenda_row));
  changed |= update_strv (contact, "tags", (const char * const *) tags);
  changed |= update_string (contact, "notes", notes);
  if (basis < D360_N_BASES)
    changed |= UPDATE (contact, legal_basis, (D360LegalBasis) basis);

  if (website != NULL && !d360_is_web_url (website))
    report (GTK_WIDGET (self->website_row),
            _("Enter an address starting with http:// or https://."), show_errors);
  else
    {
      report (GTK_WIDGET (self->website_row), NULL, show_errors);
      changed |= update_string (contact, "website", website);
    }

  if (!d360_form_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->basis_date_row)),
                             &basis_date, &date_error))
    report (GTK_WIDGET (self->basis_date_row), date_error->message, show_errors);
  else
    {
      report (GTK_WIDGET (self->basis_date_row), NULL, show_errors);
      changed |= update_string (contact, "basis-date", basis_date);
    }

  changed |= apply_channels (self, TRUE, show_errors);
  changed |= apply_channels (self, FALSE, show_errors);
  changed |= apply_investment (self, show_errors);

  return changed;
}

#undef UPDATE

/* A person needs a name, an email address or an organisation. */
static gboolean
check_identity (D360ContactEditor *self,
                gboolean           show_errors)
{
  D360Contact *contact = self->contact;
  gboolean named = d360_contact_get_given_name (contact) != NULL ||
                   d360_contact_get_family_name (contact) != NULL ||
                   has_email (self) || d360_contact_get_organization_id (contact) > 0;

  report (GTK_WIDGET (self->given_row),
          named ? NULL : _("Enter a name, an email address or an organisation."),
          show_errors);
  return named;
}

static void
save (D360ContactEditor *self,
      gboolean           commit)
{
  g_autoptr(GError) error = NULL;
  gboolean changed;
  gint64 old_id;

  if (self->contact == NULL || self->store == NULL)
    return;

  old_id = d360_contact_get_id (self->contact);
  changed = apply_fields (self, commit) || self->picked;
  self->picked = FALSE;
  if (!changed && old_id > 0)
    {
      update_header (self);
      return;
    }
  if (!check_identity (self, commit || old_id > 0))
    return;

  if (!d360_store_save_contact (self->store, self->contact, &error))
    {
      g_autoptr(D360Contact) stored = NULL;
      /* Translators: shown when an edit could not be saved; %s is the reason */
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      set_status (self, message, TRUE);
      g_warning ("Could not save contact %" G_GINT64_FORMAT ": %s", old_id, error->message);

      /* Keep holding what is stored, so that the next pause tries again. */
      if (old_id > 0)
        stored = d360_store_get_contact (self->store, old_id, NULL);
      else
        stored = d360_contact_new ();
      if (stored != NULL)
        g_set_object (&self->contact, stored);
      return;
    }

  set_status (self, _("Saved"), FALSE);
  update_header (self);
  update_actions (self);
  if (old_id != d360_contact_get_id (self->contact))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_ID]);
  check_duplicates (self);
}

static gboolean
save_timeout_cb (gpointer data)
{
  save (D360_CONTACT_EDITOR (data), FALSE);
  return G_SOURCE_REMOVE;
}

static void
show_contact (D360ContactEditor *self,
              D360Contact       *contact,
              gboolean           is_new)
{
  GtkAdjustment *adjustment;
  gint64 old_id = d360_contact_editor_get_contact_id (self);

  g_set_object (&self->contact, contact);
  self->is_new = is_new;
  self->duplicate_id = 0;
  gtk_revealer_set_reveal_child (self->duplicate_revealer, FALSE);
  load_fields (self);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  if (old_id != d360_contact_editor_get_contact_id (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_ID]);
}

/* --------------------------------------------------------------- callbacks */

static void
field_changed_cb (D360ContactEditor *self)
{
  if (self->loading || self->contact == NULL || self->debouncer == NULL)
    return;

  set_status (self, NULL, FALSE);
  d360_debouncer_schedule (self->debouncer);
}

static gboolean
leave_idle_cb (gpointer data)
{
  D360ContactEditor *self = data;

  self->leave_idle_id = 0;
  if (self->debouncer != NULL && d360_debouncer_is_pending (self->debouncer))
    d360_debouncer_flush (self->debouncer);
  save (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* Leaving a field (or pressing Enter in it) saves and shows errors, once the
 * focus has moved: saving refreshes the list, where the focus may be going. */
static void
field_left_cb (D360ContactEditor *self)
{
  if (self->loading || self->contact == NULL || self->debouncer == NULL)
    return;

  if (self->leave_idle_id == 0)
    self->leave_idle_id = g_idle_add (leave_idle_cb, self);
}

static void
channel_remove_cb (D360ContactEditor *self,
                   D360ChannelRow    *row)
{
  gboolean is_email = d360_channel_row_is_email (row);
  GtkListBox *list = is_email ? self->emails_list : self->phones_list;

  gtk_list_box_remove (list, GTK_WIDGET (row));
  gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (list)) != NULL &&
                         D360_IS_CHANNEL_ROW (gtk_widget_get_first_child (GTK_WIDGET (list)))
                           ? gtk_widget_get_first_child (GTK_WIDGET (list))
                           : GTK_WIDGET (self->given_row));
  field_changed_cb (self);
  field_left_cb (self);
}

static void
add_channel (D360ContactEditor *self,
             gboolean           is_email)
{
  GtkWidget *row;

  if (self->contact == NULL)
    return;

  row = add_channel_row (self, is_email, NULL);
  gtk_widget_grab_focus (row);
}

static void
add_email_cb (D360ContactEditor *self)
{
  add_channel (self, TRUE);
}

static void
add_phone_cb (D360ContactEditor *self)
{
  add_channel (self, FALSE);
}

static void
organization_popover_show_cb (D360ContactEditor *self)
{
  if (self->store == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->organization_search), "");
  if (self->organizations == NULL)
    {
      self->organizations = d360_store_list_organizations (self->store, NULL);
      gtk_no_selection_set_model (self->organization_selection, self->organizations);
    }
  else
    d360_store_organization_list_set_search (self->organizations, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->organization_search));
}

static void
organization_search_changed_cb (D360ContactEditor *self)
{
  g_autofree char *text = d360_form_dup_text (GTK_EDITABLE (self->organization_search));

  if (self->organizations != NULL)
    d360_store_organization_list_set_search (self->organizations, text);
}

static void
choose_organization (D360ContactEditor *self,
                     guint              position)
{
  g_autoptr(D360Organization) organization = NULL;

  if (self->organizations != NULL)
    organization = g_list_model_get_item (self->organizations, position);
  if (organization == NULL || self->contact == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  gtk_popover_popdown (self->organization_popover);
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->organization_row),
                         d360_organization_get_name (organization));
  self->loading = FALSE;
  d360_form_set_row_error (GTK_WIDGET (self->organization_row), NULL);
  g_free (self->organization_text);
  self->organization_text = g_strdup (d360_organization_get_name (organization));
  d360_contact_set_organization_id (self->contact, d360_organization_get_id (organization));
  self->picked = TRUE;
  field_changed_cb (self);
  d360_contact_editor_flush (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->organization_row));
}

static void
organization_search_activate_cb (D360ContactEditor *self)
{
  choose_organization (self, 0);
}

static void
organization_activate_cb (D360ContactEditor *self,
                          guint              position)
{
  choose_organization (self, position);
}

static void
date_popover_show_cb (D360ContactEditor *self)
{
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (d360_form_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->basis_date_row)),
                            &iso, NULL) && iso != NULL &&
      sscanf (iso, "%d-%d-%d", &year, &month, &day) == 3)
    date = g_date_time_new_local (year, month, day, 0, 0, 0);
  else
    date = g_date_time_new_now_local ();

  self->syncing_calendar = TRUE;
  gtk_calendar_select_day (self->basis_calendar, date);
  self->syncing_calendar = FALSE;
}

static void
calendar_day_selected_cb (D360ContactEditor *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (self->syncing_calendar)
    return;

  date = gtk_calendar_get_date (self->basis_calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->basis_date_row), text);
  gtk_popover_popdown (self->basis_date_popover);
  field_left_cb (self);
}

/* ---------------------------------------------------------------- actions */

static void
write_email_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  D360ContactEditor *self = D360_CONTACT_EDITOR (widget);
  GPtrArray *emails;
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;

  d360_contact_editor_flush (self);
  if (!has_email (self))
    return;

  emails = d360_contact_get_emails (self->contact);
  escaped = g_uri_escape_string (((D360Channel *) g_ptr_array_index (emails, 0))->value, "@+",
                                 FALSE);
  uri = g_strconcat ("mailto:", escaped, NULL);
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), uri, GDK_CURRENT_TIME);
}

/* In a thread: a temporary file next to the target, synced, renamed over it. */
static void
write_file_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  GBytes *bytes = data;
  g_autofree char *path = g_file_get_path (G_FILE (source));
  GError *error = NULL;
  gsize size;
  const char *contents = g_bytes_get_data (bytes, &size);

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Choose a folder on this computer."));
      return;
    }

  if (!g_file_set_contents_full (path, contents, size, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  D360ContactEditor *self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Translators: a toast; %s is why */
      text = g_strdup_printf (_("The personal data could not be saved: %s"), error->message);
      show_toast (self, text);
      g_object_unref (self);
      return;
    }

  name = g_file_get_basename (G_FILE (source));
  /* Translators: a toast; %s is a file name */
  text = g_strdup_printf (_("Personal data saved to “%s”"), name);
  show_toast (self, text);
  g_object_unref (self);
}

static void
export_response_cb (GtkNativeDialog   *chooser,
                    int                response,
                    D360ContactEditor *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    d360_contact_editor_export_personal_data (self, file);
  g_object_unref (chooser);
}

static void
export_data_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  D360ContactEditor *self = D360_CONTACT_EDITOR (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  d360_contact_editor_flush (self);
  if (d360_contact_editor_get_contact_id (self) <= 0)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Personal Data"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("JSON documents"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the suggested file name of a person's data; %s is the name */
  name = g_strdup_printf (_("%s — personal data.json"),
                          d360_contact_get_display_name (self->contact));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
erase_response_cb (AdwMessageDialog  *dialog,
                   const char        *response,
                   D360ContactEditor *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "contact-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "erase") || self->store == NULL)
    return;

  if (!d360_store_erase_contact (self->store, id, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The person could not be erased: %s"),
                                               error->message);

      show_toast (self, text);
      return;
    }

  if (d360_contact_editor_get_contact_id (self) == id)
    {
      /* Nothing is left to save. */
      g_clear_handle_id (&self->leave_idle_id, g_source_remove);
      g_clear_pointer (&self->debouncer, d360_debouncer_free);
      self->debouncer = d360_debouncer_new (SAVE_DELAY_MS, save_timeout_cb, self);
      g_clear_object (&self->contact);
      self->is_new = FALSE;
      hide_duplicate (self);
      load_fields (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_ID]);
    }
  show_toast (self, _("Person erased"));
}

static void
erase_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  D360ContactEditor *self = D360_CONTACT_EDITOR (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  gint64 id;

  d360_contact_editor_flush (self);
  id = d360_contact_editor_get_contact_id (self);
  if (id <= 0)
    return;

  heading = g_strdup_printf (_("Erase “%s”?"), d360_contact_get_display_name (self->contact));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("Everything stored about this person (names, emails, "
                                     "phones, address, interests, tags, notes and their "
                                     "entries in the search index) is removed for good. "
                                     "Backups made before now still hold them until they "
                                     "are rotated out (the seven most recent are kept). "
                                     "This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "erase", _("_Erase"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "erase",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "contact-id", GSIZE_TO_POINTER (id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (erase_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_duplicate_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  D360ContactEditor *self = D360_CONTACT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = self->duplicate_id;

  if (id <= 0)
    return;
  if (!d360_contact_editor_load (self, id, &error))
    show_toast (self, error->message);
}

static void
merge_duplicate_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  D360ContactEditor *self = D360_CONTACT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 keep_id = self->duplicate_id;
  gint64 other_id;

  d360_contact_editor_flush (self);
  other_id = d360_contact_editor_get_contact_id (self);
  if (keep_id <= 0 || other_id <= 0)
    return;

  if (!d360_store_merge_contacts (self->store, keep_id, other_id, &error) ||
      !d360_contact_editor_load (self, keep_id, &error))
    {
      text = g_strdup_printf (_("The people could not be merged: %s"), error->message);
      show_toast (self, text);
      return;
    }

  /* Translators: a toast; %s is a person's name */
  text = g_strdup_printf (_("Merged into “%s”"), d360_contact_get_display_name (self->contact));
  show_toast (self, text);
}

static void
dismiss_duplicate_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  D360ContactEditor *self = D360_CONTACT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = d360_contact_editor_get_contact_id (self);

  /* Keeping both: stop asking for this person, and once they are stored,
   * remember that they are two people (Find Duplicates leaves the pair out). */
  if (id > 0 && self->duplicate_id > 0 &&
      !d360_store_set_contacts_distinct (self->store, id, self->duplicate_id, TRUE, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The pair could not be set apart: %s"),
                                               error->message);

      show_toast (self, text);
    }
  self->is_new = FALSE;
  hide_duplicate (self);
}

/* --------------------------------------------------------------- overrides */

static void
d360_contact_editor_dispose (GObject *object)
{
  D360ContactEditor *self = (D360ContactEditor *) object;

  /* Freeing the debouncer saves what is pending, so the rows must still be there. */
  g_clear_handle_id (&self->leave_idle_id, g_source_remove);
  g_clear_pointer (&self->debouncer, d360_debouncer_free);
  if (self->organization_selection != NULL)
    gtk_no_selection_set_model (self->organization_selection, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), D360_TYPE_CONTACT_EDITOR);
  g_clear_object (&self->organizations);
  g_clear_object (&self->contact);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (d360_contact_editor_parent_class)->dispose (object);
}

static void
d360_contact_editor_finalize (GObject *object)
{
  D360ContactEditor *self = (D360ContactEditor *) object;

  g_clear_pointer (&self->country_codes, g_ptr_array_unref);
  g_clear_pointer (&self->address_country_codes, g_ptr_array_unref);
  g_clear_pointer (&self->currency_codes, g_ptr_array_unref);
  g_free (self->organization_text);

  G_OBJECT_CLASS (d360_contact_editor_parent_class)->finalize (object);
}

static void
d360_contact_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  D360ContactEditor *self = D360_CONTACT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTACT_ID:
      g_value_set_int64 (value, d360_contact_editor_get_contact_id (self));
      break;
    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_contact_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  D360ContactEditor *self = D360_CONTACT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SHOW_BACK_BUTTON:
      if (self->show_back_button != g_value_get_boolean (value))
        {
          self->show_back_button = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define BIND_CHILD(name) \
  gtk_widget_class_bind_template_child (widget_class, D360ContactEditor, name)

static void
d360_contact_editor_class_init (D360ContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = d360_contact_editor_dispose;
  object_class->finalize = d360_contact_editor_finalize;
  object_class->get_property = d360_contact_editor_get_property;
  object_class->set_property = d360_contact_editor_set_property;

  properties[PROP_CONTACT_ID] =
    g_param_spec_int64 ("contact-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (D360_TYPE_FLAGS_ROW);
  g_type_ensure (D360_TYPE_CODES_ROW);
  g_type_ensure (D360_TYPE_CHANNEL_ROW);
  g_type_ensure (D360_TYPE_ORGANIZATION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/d360-contact-editor.ui");
  BIND_CHILD (back_button);
  BIND_CHILD (status_label);
  BIND_CHILD (scrolled_window);
  BIND_CHILD (duplicate_revealer);
  BIND_CHILD (duplicate_row);
  BIND_CHILD (avatar);
  BIND_CHILD (name_label);
  BIND_CHILD (role_label);
  BIND_CHILD (honorific_row);
  BIND_CHILD (given_row);
  BIND_CHILD (family_row);
  BIND_CHILD (job_row);
  BIND_CHILD (organization_row);
  BIND_CHILD (organization_button);
  BIND_CHILD (organization_popover);
  BIND_CHILD (organization_search);
  BIND_CHILD (organization_list);
  BIND_CHILD (organization_selection);
  BIND_CHILD (category_row);
  BIND_CHILD (add_email_button);
  BIND_CHILD (add_phone_button);
  BIND_CHILD (emails_list);
  BIND_CHILD (phones_list);
  BIND_CHILD (country_row);
  BIND_CHILD (languages_row);
  BIND_CHILD (street_row);
  BIND_CHILD (locality_row);
  BIND_CHILD (region_row);
  BIND_CHILD (postal_code_row);
  BIND_CHILD (address_country_row);
  BIND_CHILD (sectors_row);
  BIND_CHILD (dimensions_row);
  BIND_CHILD (agenda_row);
  BIND_CHILD (interest_countries_row);
  BIND_CHILD (investment_min_row);
  BIND_CHILD (investment_max_row);
  BIND_CHILD (currency_row);
  BIND_CHILD (tags_row);
  BIND_CHILD (website_row);
  BIND_CHILD (notes_view);
  BIND_CHILD (basis_row);
  BIND_CHILD (basis_date_row);
  BIND_CHILD (basis_date_popover);
  BIND_CHILD (basis_calendar);
  BIND_CHILD (basis_source_row);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_left_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_email_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_phone_cb);
  gtk_widget_class_bind_template_callback (widget_class, organization_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, organization_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, organization_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, organization_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "contact.write-email", NULL,
                                   write_email_action);
  gtk_widget_class_install_action (widget_class, "contact.export-data", NULL,
                                   export_data_action);
  gtk_widget_class_install_action (widget_class, "contact.erase", NULL, erase_action);
  gtk_widget_class_install_action (widget_class, "contact.open-duplicate", NULL,
                                   open_duplicate_action);
  gtk_widget_class_install_action (widget_class, "contact.merge-duplicate", NULL,
                                   merge_duplicate_action);
  gtk_widget_class_install_action (widget_class, "contact.dismiss-duplicate", NULL,
                                   dismiss_duplicate_action);
}

#undef BIND_CHILD

static void
d360_contact_editor_init (D360ContactEditor *self)
{
  self->country_codes = g_ptr_array_new ();
  self->address_country_codes = g_ptr_array_new ();
  self->currency_codes = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->text_rows[TEXT_HONORIFIC] = self->honorific_row;
  self->text_rows[TEXT_GIVEN] = self->given_row;
  self->text_rows[TEXT_FAMILY] = self->family_row;
  self->text_rows[TEXT_JOB] = self->job_row;
  self->text_rows[TEXT_STREET] = self->street_row;
  self->text_rows[TEXT_LOCALITY] = self->locality_row;
  self->text_rows[TEXT_REGION] = self->region_row;
  self->text_rows[TEXT_POSTAL_CODE] = self->postal_code_row;
  self->text_rows[TEXT_SECTORS] = self->sectors_row;
  self->text_rows[TEXT_BASIS_SOURCE] = self->basis_source_row;

  self->loading = TRUE;
  fill_choices (self);
  self->loading = FALSE;
  load_fields (self);

  self->debouncer = d360_debouncer_new (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* ----------------------------------------------------------------- public */

void
d360_contact_editor_set_store (D360ContactEditor *self,
                               D360Store         *store)
{
  g_return_if_fail (D360_IS_CONTACT_EDITOR (self));
  g_return_if_fail (store == NULL || D360_IS_STORE (store));

  if (self->store == store)
    return;

  d360_contact_editor_clear (self);
  gtk_no_selection_set_model (self->organization_selection, NULL);
  g_clear_object (&self->organizations);
  g_set_object (&self->store, store);
}

/**
 * d360_contact_editor_load:
 * @contact_id: a person in the editor's store
 *
 * Saves what is pending for the person shown so far, then shows the stored
 * state of @contact_id (again, when it is the same person).
 *
 * Returns: %FALSE when the person cannot be read; the editor is then empty
 */
gboolean
d360_contact_editor_load (D360ContactEditor  *self,
                          gint64              contact_id,
                          GError            **error)
{
  g_autoptr(D360Contact) contact = NULL;

  g_return_val_if_fail (D360_IS_CONTACT_EDITOR (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  d360_contact_editor_flush (self);

  contact = d360_store_get_contact (self->store, contact_id, error);
  if (contact == NULL)
    {
      d360_contact_editor_clear (self);
      return FALSE;
    }

  show_contact (self, contact, FALSE);
  return TRUE;
}

/**
 * d360_contact_editor_new_contact:
 * @organization_id: the organisation of the new person, or 0
 *
 * Saves what is pending and shows a new, empty person, with the focus on
 * the given name.
 */
void
d360_contact_editor_new_contact (D360ContactEditor *self,
                                 gint64             organization_id)
{
  g_autoptr(D360Contact) contact = d360_contact_new ();
  g_autoptr(D360Organization) organization = NULL;

  g_return_if_fail (D360_IS_CONTACT_EDITOR (self));

  d360_contact_editor_flush (self);
  if (organization_id > 0 && self->store != NULL)
    organization = d360_store_get_organization (self->store, organization_id, NULL);
  if (organization != NULL)
    d360_contact_set_organization_id (contact, organization_id);

  show_contact (self, contact, TRUE);
  if (organization != NULL)
    {
      self->loading = TRUE;
      g_free (self->organization_text);
      self->organization_text = g_strdup (d360_organization_get_name (organization));
      gtk_editable_set_text (GTK_EDITABLE (self->organization_row), self->organization_text);
      self->loading = FALSE;
      update_header (self);
    }
  d360_contact_editor_focus_name (self);
}

/**
 * d360_contact_editor_clear:
 *
 * Saves what is pending and shows no person.
 */
void
d360_contact_editor_clear (D360ContactEditor *self)
{
  g_return_if_fail (D360_IS_CONTACT_EDITOR (self));

  d360_contact_editor_flush (self);
  if (self->contact == NULL)
    return;

  show_contact (self, NULL, FALSE);
}

gboolean
d360_contact_editor_has_contact (D360ContactEditor *self)
{
  g_return_val_if_fail (D360_IS_CONTACT_EDITOR (self), FALSE);

  return self->contact != NULL;
}

gint64
d360_contact_editor_get_contact_id (D360ContactEditor *self)
{
  g_return_val_if_fail (D360_IS_CONTACT_EDITOR (self), 0);

  return self->contact != NULL ? d360_contact_get_id (self->contact) : 0;
}

/**
 * d360_contact_editor_get_contact:
 *
 * Returns: (transfer none) (nullable): the person as stored
 */
D360Contact *
d360_contact_editor_get_contact (D360ContactEditor *self)
{
  g_return_val_if_fail (D360_IS_CONTACT_EDITOR (self), NULL);

  return self->contact;
}

/**
 * d360_contact_editor_flush:
 *
 * Saves now what is typed, as when the field is left.
 */
void
d360_contact_editor_flush (D360ContactEditor *self)
{
  gboolean pending;

  g_return_if_fail (D360_IS_CONTACT_EDITOR (self));

  pending = self->leave_idle_id != 0 ||
            (self->debouncer != NULL && d360_debouncer_is_pending (self->debouncer));
  g_clear_handle_id (&self->leave_idle_id, g_source_remove);
  if (self->debouncer != NULL && d360_debouncer_is_pending (self->debouncer))
    d360_debouncer_flush (self->debouncer);
  if (pending)
    save (self, TRUE);
}

/**
 * d360_contact_editor_is_pending:
 *
 * Returns: whether an edit waits to be saved
 */
gboolean
d360_contact_editor_is_pending (D360ContactEditor *self)
{
  g_return_val_if_fail (D360_IS_CONTACT_EDITOR (self), FALSE);

  return self->leave_idle_id != 0 ||
         (self->debouncer != NULL && d360_debouncer_is_pending (self->debouncer));
}

void
d360_contact_editor_focus_name (D360ContactEditor *self)
{
  g_return_if_fail (D360_IS_CONTACT_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->given_row));
  gtk_editable_select_region (GTK_EDITABLE (self->given_row), 0, -1);
}

gint64
d360_contact_editor_get_duplicate_id (D360ContactEditor *self)
{
  g_return_val_if_fail (D360_IS_CONTACT_EDITOR (self), 0);

  return self->duplicate_id;
}

/**
 * d360_contact_editor_export_personal_data:
 * @file: where to write the JSON document
 *
 * Writes what the store holds about the person shown, replacing @file
 * atomically (a temporary file renamed over it); a toast says how it went.
 */
void
d360_contact_editor_export_personal_data (D360ContactEditor *self,
                                          GFile             *file)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  gint64 id;

  g_return_if_fail (D360_IS_CONTACT_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));

  d360_contact_editor_flush (self);
  id = d360_contact_editor_get_contact_id (self);
  if (id <= 0 || self->store == NULL)
    return;

  bytes = d360_store_export_personal_data (self->store, id, &error);
  if (bytes == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The personal data could not be saved: %s"),
                                               error->message);

      show_toast (self, text);
      return;
    }

  task = g_task_new (file, NULL, export_written_cb, g_object_ref (self));
  g_task_set_source_tag (task, d360_contact_editor_export_personal_data);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, write_file_thread);
}

/**
 * d360_contact_editor_dup_avatar_text:
 *
 * Returns: (transfer full) (nullable): the text an avatar takes its initials
 *   from: the name without the honorific ("Ana Popescu" for "H.E. Ana
 *   Popescu"), or %NULL when the person has no name
 */
char *
d360_contact_editor_dup_avatar_text (D360Contact *contact)
{
  const char *given;
  const char *family;

  g_return_val_if_fail (D360_IS_CONTACT (contact), NULL);

  given = d360_contact_get_given_name (contact);
  family = d360_contact_get_family_name (contact);
  if (given == NULL && family == NULL)
    return NULL;
  return g_strjoin (" ", given != NULL ? given : family, given != NULL ? family : NULL, NULL);
}

/* d360-organization-editor.c — one organisation and its people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saved as the user types, like the person editor: invalid values stay on
 * their row with the reason, the store keeps the last valid ones. A new
 * organisation is saved once it has a name. Below the fields, the people of
 * the organisation (the first PEOPLE_SHOWN of them); activating one opens it.
 */

#define G_LOG_DOMAIN "d360-organization-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "d360-form.h"
#include "d360-iso-codes.h"
#include "d360-organization-editor.h"
#include "d360-validate.h"

#define SAVE_DELAY_MS 500
#define PEOPLE_SHOWN  100

enum {
  TEXT_CITY,
  TEXT_ADDRESS,
  N_TEXTS
};

static const char * const text_properties[N_TEXTS] = {
  [TEXT_CITY] = "city",
  [TEXT_ADDRESS] = "address",
};

struct _D360OrganizationEditor
{
  AdwBin             parent_instance;

  D360Store         *store;
  D360Organization  *organization;     /* as stored */
  D360Debouncer     *debouncer;
  GPtrArray         *country_codes;
  GListModel        *people;
  AdwEntryRow       *text_rows[N_TEXTS];
  guint              leave_idle_id;
  gboolean           loading;
  gboolean           show_back_button;

  GtkLabel          *status_label;
  GtkScrolledWindow *scrolled_window;
  AdwAvatar         *avatar;
  GtkLabel          *name_label;
  GtkLabel          *kind_label;
  AdwEntryRow       *name_row;
  AdwComboRow       *kind_row;
  AdwComboRow       *country_row;
  AdwEntryRow       *city_row;
  AdwEntryRow       *website_row;
  AdwEntryRow       *email_row;
  AdwEntryRow       *phone_row;
  AdwEntryRow       *address_row;
  GtkTextView       *notes_view;
  AdwPreferencesGroup *people_group;
  GtkListBox        *people_list;
};

G_DEFINE_FINAL_TYPE (D360OrganizationEditor, d360_organization_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ORGANIZATION_ID,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_PERSON,
  ADD_PERSON,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- helpers */

static gboolean
contains_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

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

static void
set_status (D360OrganizationEditor *self,
            const char             *text,
            gboolean                is_error)
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

static void
update_actions (D360OrganizationEditor *self)
{
  gboolean stored = self->organization != NULL &&
                    d360_organization_get_id (self->organization) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "organization.add-person", stored);
}

static void
update_header (D360OrganizationEditor *self)
{
  const char *name = self->organization != NULL ? d360_organization_get_name (self->organization)
                                                : NULL;
  const char *city = self->organization != NULL ? d360_organization_get_city (self->organization)
                                                : NULL;
  const char *kind = self->organization != NULL
                       ? d360_org_kind_get_label (d360_organization_get_kind (self->organization))
                       : "";
  g_autofree char *subtitle = NULL;

  if (name == NULL || *name == '\0')
    name = _("New Organisation");
  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_text (self->name_label, name);
  if (city != NULL)
    /* Translators: an organisation's kind and city: "Embassy · Bucharest" */
    subtitle = g_strdup_printf (_("%s · %s"), kind, city);
  gtk_label_set_text (self->kind_label, subtitle != NULL ? subtitle : kind);
}

static GtkWidget *
create_person_row (gpointer item,
                   gpointer user_data)
{
  D360Contact *contact = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 d360_contact_get_display_name (contact));
  if (d360_contact_get_job_title (contact) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), d360_contact_get_job_title (contact));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  g_object_set_data (G_OBJECT (row), "contact-id",
                     GSIZE_TO_POINTER ((gsize) d360_contact_get_id (contact)));
  return row;
}

/* "3 people", or, past what the list shows, how to find the others. */
static void
update_people_count (D360OrganizationEditor *self)
{
  guint n = self->people != NULL ? g_list_model_get_n_items (self->people) : 0;
  g_autofree char *text = NULL;

  if (n > PEOPLE_SHOWN)
    /* Translators: %u is at least 101; the list shows the first 100 */
    text = g_strdup_printf (g_dngettext (NULL,
                                         "The first 100 of %u people. Search the contact "
                                         "list for the organisation’s name to see them all.",
                                         "The first 100 of %u people. Search the contact "
                                         "list for the organisation’s name to see them all.",
                                         n), n);
  else if (n > 0)
    text = g_strdup_printf (g_dngettext (NULL, "%u person", "%u people", n), n);

  adw_preferences_group_set_description (self->people_group, text);
}

static void
people_changed_cb (GListModel             *model,
                   guint                   position,
                   guint                   removed,
                   guint                   added,
                   D360OrganizationEditor *self)
{
  update_people_count (self);
}

static void
clear_people (D360OrganizationEditor *self)
{
  if (self->people != NULL)
    g_signal_handlers_disconnect_by_func (self->people, people_changed_cb, self);
  g_clear_object (&self->people);
}

static void
load_people (D360OrganizationEditor *self)
{
  gint64 id = self->organization != NULL ? d360_organization_get_id (self->organization) : 0;
  g_autoptr(GtkSliceListModel) slice = NULL;
  D360ContactQuery query;

  clear_people (self);
  if (id <= 0 || self->store == NULL)
    {
      gtk_list_box_bind_model (self->people_list, NULL, NULL, NULL, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->people_group), FALSE);
      return;
    }

  d360_contact_query_init (&query);
  query.organization_id = id;
  self->people = d360_store_list_contacts (self->store, &query);
  /* The model follows the store; the list shows the first ones. */
  slice = gtk_slice_list_model_new (g_object_ref (self->people), 0, PEOPLE_SHOWN);
  gtk_list_box_bind_model (self->people_list, G_LIST_MODEL (slice), create_person_row, NULL,
                           NULL);
  g_signal_connect (self->people, "items-changed", G_CALLBACK (people_changed_cb), self);
  update_people_count (self);
  gtk_widget_set_visible (GTK_WIDGET (self->people_group), TRUE);
}

static void
load_fields (D360OrganizationEditor *self)
{
  D360Organization *organization = self->organization;
  guint country = 0;
  const char *code;

  self->loading = TRUE;

  set_entry_text (self->name_row, organization != NULL
                                    ? d360_organization_get_name (organization) : NULL);
  for (guint i = 0; i < N_TEXTS; i++)
    {
      g_autofree char *text = NULL;

      if (organization != NULL)
        g_object_get (organization, text_properties[i], &text, NULL);
      set_entry_text (self->text_rows[i], text);
    }
  set_entry_text (self->website_row,
                  organization != NULL ? d360_organization_get_website (organization) : NULL);
  set_entry_text (self->email_row,
                  organization != NULL ? d360_organization_get_email (organization) : NULL);
  set_entry_text (self->phone_row,
                  organization != NULL ? d360_organization_get_phone (organization) : NULL);
  d360_form_set_text_view (self->notes_view,
                           organization != NULL ? d360_organization_get_notes (organization)
                                                : NULL);
  adw_combo_row_set_selected (self->kind_row,
                              organization != NULL
                                ? (guint) d360_organization_get_kind (organization)
                                : D360_ORG_OTHER);

  code = organization != NULL ? d360_organization_get_country (organization) : NULL;
  if (code != NULL && g_ptr_array_find_with_equal_func (self->country_codes, code, g_str_equal,
                                                        &country))
    country++;
  else
    country = 0;
  adw_combo_row_set_selected (self->country_row, country);

  self->loading = FALSE;

  set_status (self, NULL, FALSE);
  update_header (self);
  update_actions (self);
  load_people (self);
}

static gboolean
update_string (D360Organization *organization,
               const char       *property,
               const char       *value)
{
  g_autofree char *old = NULL;

  g_object_get (organization, property, &old, NULL);
  if (g_strcmp0 (old, value) == 0)
    return FALSE;

  g_object_set (organization, property, value, NULL);
  return TRUE;
}

/* Checks one field with the store's rules, on an organisation that has
 * nothing else that could be wrong. */
static gboolean
validate_field (const char  *property,
                const char  *value,
                GError     **error)
{
  g_autoptr(D360Organization) probe = d360_organization_new ("Probe");

  g_object_set (probe, property, value, NULL);
  return d360_store_validate_organization (probe, error);
}

static gboolean
apply_checked (D360OrganizationEditor *self,
               AdwEntryRow            *row,
               const char             *property,
               gboolean                show_errors)
{
  g_autofree char *text = d360_form_dup_text (GTK_EDITABLE (row));
  g_autoptr(GError) error = NULL;

  if (text != NULL && g_str_equal (property, "website") && !d360_is_web_url (text))
    g_set_error_literal (&error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID,
                         _("Enter an address starting with http:// or https://."));
  else if (text != NULL)
    validate_field (property, text, &error);

  report (GTK_WIDGET (row), error != NULL ? error->message : NULL, show_errors);
  if (error != NULL)
    return FALSE;
  return update_string (self->organization, property, text);
}

static gboolean
apply_fields (D360OrganizationEditor *self,
              gboolean                show_errors)
{
  D360Organization *organization = self->organization;
  g_autofree char *name = d360_form_dup_text (GTK_EDITABLE (self->name_row));
  g_autofree char *notes = d360_form_dup_text_view (self->notes_view);
  guint kind = adw_combo_row_get_selected (self->kind_row);
  guint country = adw_combo_row_get_selected (self->country_row);
  gboolean changed = FALSE;

  if (name == NULL)
    report (GTK_WIDGET (self->name_row), _("An organisation needs a name."), show_errors);
  else
    {
      report (GTK_WIDGET (self->name_row), NULL, show_errors);
      changed |= update_string (organization, "name", name);
    }

  for (guint i = 0; i < N_TEXTS; i++)
    {
      g_autofree char *text = d360_form_dup_text (GTK_EDITABLE (self->text_rows[i]));

      changed |= update_string (organization, text_properties[i], text);
    }
  changed |= update_string (organization, "notes", notes);
  if (kind < D360_N_ORG_KINDS && kind != (guint) d360_organization_get_kind (organization))
    {
      d360_organization_set_kind (organization, kind);
      changed = TRUE;
    }
  changed |= update_string (organization, "country",
                            country > 0 && country <= self->country_codes->len
                              ? g_ptr_array_index (self->country_codes, country - 1) : NULL);
  changed |= apply_checked (self, self->website_row, "website", show_errors);
  changed |= apply_checked (self, self->email_row, "email", show_errors);
  changed |= apply_checked (self, self->phone_row, "phone", show_errors);

  return changed;
}

static void
save (D360OrganizationEditor *self,
      gboolean                show_errors)
{
  g_autoptr(GError) error = NULL;
  gint64 old_id;

  if (self->organization == NULL || self->store == NULL)
    return;

  old_id = d360_organization_get_id (self->organization);
  if (!apply_fields (self, show_errors) ||
      d360_organization_get_name (self->organization) == NULL)
    return;

  if (!d360_store_save_organization (self->store, self->organization, &error))
    {
      g_autoptr(D360Organization) stored = NULL;
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      set_status (self, message, TRUE);
      g_warning ("Could not save organisation %" G_GINT64_FORMAT ": %s", old_id,
                 error->message);
      stored = old_id > 0 ? d360_store_get_organization (self->store, old_id, NULL)
                          : d360_organization_new (NULL);
      if (stored != NULL)
        g_set_object (&self->organization, stored);
      return;
    }

  set_status (self, _("Saved"), FALSE);
  update_header (self);
  if (old_id != d360_organization_get_id (self->organization))
    {
      update_actions (self);
      load_people (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATION_ID]);
    }
}

static gboolean
save_timeout_cb (gpointer data)
{
  save (D360_ORGANIZATION_EDITOR (data), FALSE);
  return G_SOURCE_REMOVE;
}

static void
show_organization (D360OrganizationEditor *self,
                   D360Organization       *organization)
{
  GtkAdjustment *adjustment;
  gint64 old_id = d360_organization_editor_get_organization_id (self);

  g_set_object (&self->organization, organization);
  load_fields (self);
  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  if (old_id != d360_organization_editor_get_organization_id (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATION_ID]);
}

/* --------------------------------------------------------------- callbacks */

static void
field_changed_cb (D360OrganizationEditor *self)
{
  if (self->loading || self->organization == NULL || self->debouncer == NULL)
    return;

  set_status (self, NULL, FALSE);
  d360_debouncer_schedule (self->debouncer);
}

static gboolean
leave_idle_cb (gpointer data)
{
  D360OrganizationEditor *self = data;

  self->leave_idle_id = 0;
  if (self->debouncer != NULL)
    d360_debouncer_flush (self->debouncer);
  save (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
field_left_cb (D360OrganizationEditor *self)
{
  if (self->loading || self->organization == NULL || self->debouncer == NULL)
    return;

  if (self->leave_idle_id == 0)
    self->leave_idle_id = g_idle_add (leave_idle_cb, self);
}

static void
person_activated_cb (D360OrganizationEditor *self,
                     GtkListBoxRow          *row)
{
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "contact-id"));

  if (id > 0)
    g_signal_emit (self, signals[OPEN_PERSON], 0, id);
}

static void
add_person_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  D360OrganizationEditor *self = D360_ORGANIZATION_EDITOR (widget);
  gint64 id;

  d360_organization_editor_flush (self);
  id = d360_organization_editor_get_organization_id (self);
  if (id > 0)
    g_signal_emit (self, signals[ADD_PERSON], 0, id);
}

/* --------------------------------------------------------------- overrides */

static void
d360_organization_editor_dispose (GObject *object)
{
  D360OrganizationEditor *self = (D360OrganizationEditor *) object;

  g_clear_handle_id (&self->leave_idle_id, g_source_remove);
  g_clear_pointer (&self->debouncer, d360_debouncer_free);
  if (self->people_list != NULL)
    gtk_list_box_bind_model (self->people_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), D360_TYPE_ORGANIZATION_EDITOR);
  clear_people (self);
  g_clear_object (&self->organization);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (d360_organization_editor_parent_class)->dispose (object);
}

static void
d360_organization_editor_finalize (GObject *object)
{
  D360OrganizationEditor *self = (D360OrganizationEditor *) object;

  g_clear_pointer (&self->country_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (d360_organization_editor_parent_class)->finalize (object);
}

static void
d360_organization_editor_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  D360OrganizationEditor *self = D360_ORGANIZATION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, d360_organization_editor_get_organization_id (self));
      break;
    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_organization_editor_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  D360OrganizationEditor *self = D360_ORGANIZATION_EDITOR (object);

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
  gtk_widget_class_bind_template_child (widget_class, D360OrganizationEditor, name)

static void
d360_organization_editor_class_init (D360OrganizationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = d360_organization_editor_dispose;
  object_class->finalize = d360_organization_editor_finalize;
  object_class->get_property = d360_organization_editor_get_property;
  object_class->set_property = d360_organization_editor_set_property;

  properties[PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_PERSON] = g_signal_new ("open-person", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[ADD_PERSON] = g_signal_new ("add-person", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/d360-organization-editor.ui");
  BIND_CHILD (status_label);
  BIND_CHILD (scrolled_window);
  BIND_CHILD (avatar);
  BIND_CHILD (name_label);
  BIND_CHILD (kind_label);
  BIND_CHILD (name_row);
  BIND_CHILD (kind_row);
  BIND_CHILD (country_row);
  BIND_CHILD (city_row);
  BIND_CHILD (website_row);
  BIND_CHILD (email_row);
  BIND_CHILD (phone_row);
  BIND_CHILD (address_row);
  BIND_CHILD (notes_view);
  BIND_CHILD (people_group);
  BIND_CHILD (people_list);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_left_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_activated_cb);

  gtk_widget_class_install_action (widget_class, "organization.add-person", NULL,
                                   add_person_action);
}

#undef BIND_CHILD

static void
d360_organization_editor_init (D360OrganizationEditor *self)
{
  const GPtrArray *countries = d360_iso_codes_get (D360_ISO_COUNTRIES);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->country_codes = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->text_rows[TEXT_CITY] = self->city_row;
  self->text_rows[TEXT_ADDRESS] = self->address_row;

  self->loading = TRUE;
  for (guint i = 0; i < D360_N_ORG_KINDS; i++)
    gtk_string_list_append (kinds, d360_org_kind_get_label (i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  gtk_string_list_append (names, C_("country", "None"));
  for (guint i = 0; countries != NULL && i < countries->len; i++)
    {
      const D360IsoEntry *entry = g_ptr_array_index (countries, i);

      gtk_string_list_append (names, entry->name);
      g_ptr_array_add (self->country_codes, entry->code);
    }
  adw_combo_row_set_model (self->country_row, G_LIST_MODEL (names));
  self->loading = FALSE;
  load_fields (self);

  self->debouncer = d360_debouncer_new (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* ----------------------------------------------------------------- public */

void
d360_organization_editor_set_store (D360OrganizationEditor *self,
                                    D360Store              *store)
{
  g_return_if_fail (D360_IS_ORGANIZATION_EDITOR (self));
  g_return_if_fail (store == NULL || D360_IS_STORE (store));

  if (self->store == store)
    return;

  d360_organization_editor_clear (self);
  g_set_object (&self->store, store);
}

gboolean
d360_organization_editor_load (D360OrganizationEditor  *self,
                               gint64                   organization_id,
                               GError                 **error)
{
  g_autoptr(D360Organization) organization = NULL;

  g_return_val_if_fail (D360_IS_ORGANIZATION_EDITOR (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  d360_organization_editor_flush (self);
  organization = d360_store_get_organization (self->store, organization_id, error);
  if (organization == NULL)
    {
      d360_organization_editor_clear (self);
      return FALSE;
    }

  show_organization (self, organization);
  return TRUE;
}

/**
 * d360_organization_editor_new_organization:
 *
 * Shows a new organisation, saved once it has a name.
 */
void
d360_organization_editor_new_organization (D360OrganizationEditor *self)
{
  g_autoptr(D360Organization) organization = d360_organization_new (NULL);

  g_return_if_fail (D360_IS_ORGANIZATION_EDITOR (self));

  d360_organization_editor_flush (self);
  show_organization (self, organization);
  d360_organization_editor_focus_name (self);
}

void
d360_organization_editor_clear (D360OrganizationEditor *self)
{
  g_return_if_fail (D360_IS_ORGANIZATION_EDITOR (self));

  d360_organization_editor_flush (self);
  if (self->organization != NULL)
    show_organization (self, NULL);
}

gint64
d360_organization_editor_get_organization_id (D360OrganizationEditor *self)
{
  g_return_val_if_fail (D360_IS_ORGANIZATION_EDITOR (self), 0);

  return self->organization != NULL ? d360_organization_get_id (self->organization) : 0;
}

/**
 * d360_organization_editor_get_organization:
 *
 * Returns: (transfer none) (nullable): the organisation as stored
 */
D360Organization *
d360_organization_editor_get_organization (D360OrganizationEditor *self)
{
  g_return_val_if_fail (D360_IS_ORGANIZATION_EDITOR (self), NULL);

  return self->organization;
}

void
d360_organization_editor_flush (D360OrganizationEditor *self)
{
  gboolean pending;

  g_return_if_fail (D360_IS_ORGANIZATION_EDITOR (self));

  pending = self->leave_idle_id != 0 ||
            (self->debouncer != NULL && d360_debouncer_is_pending (self->debouncer));
  g_clear_handle_id (&self->leave_idle_id, g_source_remove);
  if (self->debouncer != NULL && d360_debouncer_is_pending (self->debouncer))
    d360_debouncer_flush (self->debouncer);
  if (pending)
    save (self, TRUE);
}

gboolean
d360_organization_editor_is_pending (D360OrganizationEditor *self)
{
  g_return_val_if_fail (D360_IS_ORGANIZATION_EDITOR (self), FALSE);

  return self->leave_idle_id != 0 ||
         (self->debouncer != NULL && d360_debouncer_is_pending (self->debouncer));
}

void
d360_organization_editor_focus_name (D360OrganizationEditor *self)
{
  g_return_if_fail (D360_IS_ORGANIZATION_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  gtk_editable_select_region (GTK_EDITABLE (self->name_row), 0, -1);
}

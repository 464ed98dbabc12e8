/* d360-restore-dialog.c — choose a backup and bring it back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-restore-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "d360-backup.h"
#include "d360-restore-dialog.h"

struct _D360RestoreDialog
{
  AdwMessageDialog  parent_instance;

  D360Store        *store;
  char             *folder;
  GPtrArray        *backups;   /* D360BackupInfo, newest first */
  GPtrArray        *checks;    /* the GtkCheckButton of each row */

  GtkListBox       *backup_list;
};

G_DEFINE_FINAL_TYPE (D360RestoreDialog, d360_restore_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
describe_backup (const D360BackupInfo *info)
{
  /* Translators: a backup's date and time, see g_date_time_format() */
  g_autofree char *when = g_date_time_format (info->made, _("%A, %e %B %Y, %H:%M"));

  return g_strdup (g_strstrip (when));
}

static void
fill_list (D360RestoreDialog *self)
{
  GtkCheckButton *group = NULL;

  self->backups = d360_backup_list (self->folder);
  self->checks = g_ptr_array_new ();

  for (guint i = 0; i < self->backups->len; i++)
    {
      const D360BackupInfo *info = g_ptr_array_index (self->backups, i);
      g_autofree char *title = describe_backup (info);
      g_autofree char *size = g_format_size (info->size);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      if (group == NULL)
        {
          group = GTK_CHECK_BUTTON (check);
          gtk_check_button_set_active (group, TRUE);
        }
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->backup_list, row);
      g_ptr_array_add (self->checks, check);
    }

  if (self->backups->len == 0)
    {
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                   _("There are no backups yet. The first one is made the "
                                     "next time the app starts."));
      gtk_widget_set_visible (GTK_WIDGET (self->backup_list), FALSE);
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "restore", FALSE);
    }
}

static const D360BackupInfo *
get_selected (D360RestoreDialog *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      return g_ptr_array_index (self->backups, i);

  return NULL;
}

static void
restore (D360RestoreDialog    *self,
         const D360BackupInfo *info)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *when = describe_backup (info);
  g_autofree char *message = NULL;
  g_autofree char *path = g_strdup (info->path);

  /* The current data becomes the newest backup, so a restore can be undone. */
  safety = d360_backup_create (d360_store_get_path (self->store), self->folder, now, &error);
  if (safety == NULL)
    message = g_strdup_printf (_("Nothing was restored: the current data could not be "
                                 "saved first (%s)"), error->message);
  else if (!d360_store_restore_from_file (self->store, path, &error))
    message = g_strdup_printf (_("Could not restore the backup: %s"), error->message);
  else
    message = g_strdup_printf (_("Restored the backup of %s"), when);

  g_signal_emit (self, signals[FINISHED], 0, message);
}

static void
d360_restore_dialog_response (AdwMessageDialog *dialog,
                              const char       *response)
{
  D360RestoreDialog *self = D360_RESTORE_DIALOG (dialog);
  const D360BackupInfo *selected = get_selected (self);

  if (g_str_equal (response, "restore") && selected != NULL)
    restore (self, selected);
}

static void
d360_restore_dialog_dispose (GObject *object)
{
  D360RestoreDialog *self = (D360RestoreDialog *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->folder, g_free);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (d360_restore_dialog_parent_class)->dispose (object);
}

static void
d360_restore_dialog_class_init (D360RestoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = d360_restore_dialog_dispose;
  dialog_class->response = d360_restore_dialog_response;

  /**
   * D360RestoreDialog::finished:
   * @message: what happened, for a toast
   *
   * Emitted after a restore was tried.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/diplomacy360/Desktop/ui/"
                                               "d360-restore-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, D360RestoreDialog, backup_list);
}

static void
d360_restore_dialog_init (D360RestoreDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * d360_restore_dialog_new:
 * @folder: the backup folder
 */
D360RestoreDialog *
d360_restore_dialog_new (GtkWindow  *parent,
                         D360Store  *store,
                         const char *folder)
{
  D360RestoreDialog *self;

  g_return_val_if_fail (D360_IS_STORE (store), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  self = g_object_new (D360_TYPE_RESTORE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->folder = g_strdup (folder);
  fill_list (self);

  return self;
}

guint
d360_restore_dialog_get_n_backups (D360RestoreDialog *self)
{
  g_return_val_if_fail (D360_IS_RESTORE_DIALOG (self), 0);

  return self->backups->len;
}

/**
 * d360_restore_dialog_select:
 * @index: 0 for the newest backup
 */
gboolean
d360_restore_dialog_select (D360RestoreDialog *self,
                            guint              index)
{
  g_return_val_if_fail (D360_IS_RESTORE_DIALOG (self), FALSE);

  if (index >= self->checks->len)
    return FALSE;

  gtk_check_button_set_active (g_ptr_array_index (self->checks, index), TRUE);
  return TRUE;
}

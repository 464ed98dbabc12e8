/* d360-contact.h — a person the city works with abroad
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  D360_CATEGORY_DIPLOMAT,
  D360_CATEGORY_INVESTOR,
  D360_CATEGORY_BUSINESS,
  D360_CATEGORY_PUBLIC_OFFICIAL,
  D360_CATEGORY_NGO,
  D360_CATEGORY_ACADEMIC,
  D360_CATEGORY_CULTURAL,
  D360_CATEGORY_MEDIA,
  D360_CATEGORY_OTHER,
  D360_N_CATEGORIES
} D360Category;

/* The legal basis on which the city keeps a person's data. */
typedef enum
{
  D360_BASIS_NONE,                 /* not recorded yet */
  D360_BASIS_CONSENT,
  D360_BASIS_LEGITIMATE_INTEREST,
  D360_BASIS_PUBLIC_ROLE,
  D360_N_BASES
} D360LegalBasis;

/* What kind of email address or phone number (a set: bit flags). */
typedef enum
{
  D360_CHANNEL_HOME  = 1 << 0,
  D360_CHANNEL_WORK  = 1 << 1,
  D360_CHANNEL_CELL  = 1 << 2,
  D360_CHANNEL_FAX   = 1 << 3,
  D360_CHANNEL_OTHER = 1 << 4,
  D360_CHANNEL_PREF  = 1 << 5,
} D360ChannelType;

const char *d360_category_to_key      (D360Category    category);
gboolean    d360_category_from_key    (const char     *key,
                                       D360Category   *category);
const char *d360_category_get_label   (D360Category    category);
const char *d360_legal_basis_to_key   (D360LegalBasis  basis);
gboolean    d360_legal_basis_from_key (const char     *key,
                                       D360LegalBasis *basis);
const char *d360_legal_basis_get_label (D360LegalBasis basis);
/* "Work", "Home, mobile" … for a set of D360ChannelType bits. */
char       *d360_channel_type_get_label (guint          types);

/* One email address or phone number of a person. A boxed type. */
typedef struct
{
  char  *value;
  guint  types;   /* D360ChannelType bits */
  char  *label;   /* nullable: a label of the user's ("Assistant") */
} D360Channel;

#define D360_TYPE_CHANNEL (d360_channel_get_type ())
GType        d360_channel_get_type (void) G_GNUC_CONST;
D360Channel *d360_channel_new      (const char        *value,
                                    guint              types,
                                    const char        *label);
D360Channel *d360_channel_copy     (const D360Channel *channel);
void         d360_channel_free     (D360Channel       *channel);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (D360Channel, d360_channel_free)

#define D360_TYPE_CONTACT (d360_contact_get_type ())

G_DECLARE_FINAL_TYPE (D360Contact, d360_contact, D360, CONTACT, GObject)

/* Properties (all notify on change only):
 * "id" (int64, 0 until saved), "uid" (vCard UID or NULL), "honorific",
 * "given-name", "family-name", "display-name" (read-only: "H.E. Ana Popescu",
 * or the organisation or the first email when there is no name),
 * "initials" (read-only: "AP"), "job-title", "organization-id" (int64, 0 for
 * none), "organization-name" (read-only: filled by the store), "category"
 * (int, D360Category), "country" (ISO 3166-1 alpha-2 or NULL), "languages"
 * (GStrv of ISO 639 codes: "ro", "en", "fr"), "street", "locality",
 * "region", "postal-code", "address-country" (alpha-2 or NULL), "sectors"
 * (free text: "automotive, IT"), "dimensions" (uint, bits as in
 * D360_DIMENSION_BIT), "agenda-areas" (uint, D360AgendaArea bits),
 * "interest-countries" (GStrv of alpha-2 codes), "investment-min" and
 * "investment-max" (int64 minor units, -1 for none), "investment-currency"
 * (ISO 4217 or NULL), "tags" (GStrv), "notes", "legal-basis" (int,
 * D360LegalBasis), "basis-date" ("YYYY-MM-DD" or NULL), "basis-source"
 * (where the data came from: "business card, Expo 2026"), "birthday"
 * ("YYYY-MM-DD" or "--MM-DD" or NULL), "website", "created-at", "updated-at".
 * Emails and phones are arrays of D360Channel, read and replaced whole. */

D360Contact *d360_contact_new                   (void);
D360Contact *d360_contact_copy                  (D360Contact  *self);
gint64       d360_contact_get_id                (D360Contact  *self);
const char  *d360_contact_get_uid               (D360Contact  *self);
void         d360_contact_set_uid               (D360Contact  *self,
                                                 const char   *uid);
const char  *d360_contact_get_honorific         (D360Contact  *self);
void         d360_contact_set_honorific         (D360Contact  *self,
                                                 const char   *honorific);
const char  *d360_contact_get_given_name        (D360Contact  *self);
void         d360_contact_set_given_name        (D360Contact  *self,
                                                 const char   *given_name);
const char  *d360_contact_get_family_name       (D360Contact  *self);
void         d360_contact_set_family_name       (D360Contact  *self,
                                                 const char   *family_name);
const char  *d360_contact_get_display_name      (D360Contact  *self);
char        *d360_contact_dup_initials          (D360Contact  *self);
const char  *d360_contact_get_job_title         (D360Contact  *self);
void         d360_contact_set_job_title         (D360Contact  *self,
                                                 const char   *job_title);
gint64       d360_contact_get_organization_id   (D360Contact  *self);
void         d360_contact_set_organization_id   (D360Contact  *self,
                                                 gint64        organization_id);
const char  *d360_contact_get_organization_name (D360Contact  *self);
D360Category d360_contact_get_category          (D360Contact  *self);
void         d360_contact_set_category          (D360Contact  *self,
                                                 D360Category  category);
const char  *d360_contact_get_country           (D360Contact  *self);
void         d360_contact_set_country           (D360Contact  *self,
                                                 const char   *country);
const char * const *d360_contact_get_languages  (D360Contact  *self);
void         d360_contact_set_languages         (D360Contact  *self,
                                                 const char * const *languages);
GPtrArray   *d360_contact_get_emails            (D360Contact  *self);  /* D360Channel, transfer none */
void         d360_contact_set_emails            (D360Contact  *self,
                                                 GPtrArray    *emails); /* copied */
GPtrArray   *d360_contact_get_phones            (D360Contact  *self);
void         d360_contact_set_phones            (D360Contact  *self,
                                                 GPtrArray    *phones);
void         d360_contact_add_email             (D360Contact  *self,
                                                 const char   *value,
                                                 guint         types,
                                                 const char   *label);
void         d360_contact_add_phone             (D360Contact  *self,
                                                 const char   *value,
                                                 guint         types,
                                                 const char   *label);
const char  *d360_contact_get_street            (D360Contact  *self);
void         d360_contact_set_street            (D360Contact  *self,
                                                 const char   *street);
const char  *d360_contact_get_locality          (D360Contact  *self);
void         d360_contact_set_locality          (D360Contact  *self,
                                                 const char   *locality);
const char  *d360_contact_get_region            (D360Contact  *self);
void         d360_contact_set_region            (D360Contact  *self,
                                                 const char   *region);
const char  *d360_contact_get_postal_code       (D360Contact  *self);
void         d360_contact_set_postal_code       (D360Contact  *self,
                                                 const char   *postal_code);
const char  *d360_contact_get_address_country   (D360Contact  *self);
void         d360_contact_set_address_country   (D360Contact  *self,
                                                 const char   *country);
const char  *d360_contact_get_sectors           (D360Contact  *self);
void         d360_contact_set_sectors           (D360Contact  *self,
                                                 const char   *sectors);
guint        d360_contact_get_dimensions        (D360Contact  *self);
void         d360_contact_set_dimensions        (D360Contact  *self,
                                                 guint         dimensions);
guint        d360_contact_get_agenda_areas      (D360Contact  *self);
void         d360_contact_set_agenda_areas      (D360Contact  *self,
                                                 guint         agenda_areas);
const char * const *d360_contact_get_interest_countries (D360Contact *self);
void         d360_contact_set_interest_countries (D360Contact *self,
                                                  const char * const *countries);
gint64       d360_contact_get_investment_min    (D360Contact  *self);
void         d360_contact_set_investment_min    (D360Contact  *self,
                                                 gint64        minor);
gint64       d360_contact_get_investment_max    (D360Contact  *self);
void         d360_contact_set_investment_max    (D360Contact  *self,
                                                 gint64        minor);
const char  *d360_contact_get_investment_currency (D360Contact *self);
void         d360_contact_set_investment_currency (D360Contact *self,
                                                   const char  *currency);
const char * const *d360_contact_get_tags       (D360Contact  *self);
void         d360_contact_set_tags              (D360Contact  *self,
                                                 const char * const *tags);
const char  *d360_contact_get_notes             (D360Contact  *self);
void         d360_contact_set_notes             (D360Contact  *self,
                                                 const char   *notes);
D360LegalBasis d360_contact_get_legal_basis     (D360Contact  *self);
void         d360_contact_set_legal_basis       (D360Contact  *self,
                                                 D360LegalBasis basis);
const char  *d360_contact_get_basis_date        (D360Contact  *self);
void         d360_contact_set_basis_date        (D360Contact  *self,
                                                 const char   *date);
const char  *d360_contact_get_basis_source      (D360Contact  *self);
void         d360_contact_set_basis_source      (D360Contact  *self,
                                                 const char   *source);
const char  *d360_contact_get_birthday          (D360Contact  *self);
void         d360_contact_set_birthday          (D360Contact  *self,
                                                 const char   *birthday);
const char  *d360_contact_get_website           (D360Contact  *self);
void         d360_contact_set_website           (D360Contact  *self,
                                                 const char   *website);
const char  *d360_contact_get_updated_at        (D360Contact  *self);

G_END_DECLS

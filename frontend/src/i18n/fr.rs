//! Français : les textes du shell et des composants partagés ; ceux de chaque contexte sont
//! dans `fr/<contexte>.rs`.

pub(super) mod accounts;
pub(super) mod assemblies;
pub(super) mod barcamp;
pub(super) mod elections;
pub(super) mod labs;
pub(super) mod members;
pub(super) mod polls;
pub(super) mod reach;
pub(super) mod resources;
pub(super) mod transition;
pub(super) mod transition_board;

use super::Strings;
use constellation_shared::Language;

pub static FR: Strings = Strings {
    lang: Language::Fr,
    // The header and its navigation.
    app_name: "Constellation",
    tagline: "Gouvernance et coordination des Labs de l'association",
    skip_to_content: "Aller au contenu",
    nav_label: "Navigation principale",
    nav_home: "Accueil",
    nav_labs: "Labs",
    nav_rules: "Règles communes",
    nav_resources: "Ressources",
    nav_transparency: "Transparence",
    nav_barcamp: "Barcamp",
    nav_assemblies: "Assemblées",
    nav_transition: "Transition",
    nav_polls: "Sondages",
    nav_review: "Revue des Labs",
    nav_requests: "Demandes",
    nav_members: "Membres",
    nav_audit: "Journal",
    nav_mail: "Mails en échec",
    nav_login: "Se connecter",
    nav_register: "Créer un compte",
    nav_profile: "Mon profil",
    nav_logout: "Se déconnecter",
    language: "Langue",
    // The bell.
    nav_notifications: "Notifications",
    bell_none: "Notifications, aucune non lue",
    bell_one: "Notifications, 1 non lue",
    bell_many: "Notifications, {} non lues",
    bell_new: "Nouvelle notification : {}",
    // Generic messages and labels, shared by several contexts.
    loading: "Chargement…",
    loading_failed: "Le chargement a échoué.",
    retry: "Réessayer",
    working: "En cours…",
    save: "Enregistrer",
    saved: "Modifications enregistrées.",
    not_found: "Cette page n'existe pas.",
    sign_in_required: "Connectez-vous pour voir cette page.",
    board_only: "Cette page est réservée aux membres du conseil d'administration.",
    load_more: "Afficher plus",
    download_done: "Téléchargement prêt.",
    status_label: "Statut",
    description: "Description",
    decision_reason: "Motif de la décision",
    remove: "Retirer",
    feed_copied: "Adresse copiée.",
    feed_copy_failed: "La copie a échoué : sélectionnez l'adresse et copiez-la à la main.",
};

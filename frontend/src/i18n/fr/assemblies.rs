//! Français : l'assemblée générale (le décompte en salle).

use crate::i18n::assemblies::AssembliesStrings;

pub const ASSEMBLIES: AssembliesStrings = AssembliesStrings {
    room_count_title: "Votes exprimés dans la salle",
    room_count_hint: "Bulletins papier ou vote à main levée : le décompte s'ajoute aux votes en ligne. L'enregistrer à nouveau le remplace.",
    room_count_note: "Comment il a été fait (facultatif)",
    room_count_submit: "Enregistrer le décompte de la salle",
    room_count_saved: "Le décompte de la salle est enregistré.",
    room_count_invalid: "Chaque nombre est un entier à partir de 0, et leur somme ne peut dépasser les membres présents ou représentés qui n'ont pas voté en ligne.",
};

#include "domain/responsable.h"

#include <string>

#include "domain/first_name.h"

namespace ceres::domain {
namespace {

bool samePerson(const std::optional<Person>& listed, const Person& person) {
    return listed && foldForComparison(listed->last_name) == foldForComparison(person.last_name) &&
           foldForComparison(listed->first_name) == foldForComparison(person.first_name);
}

}  // namespace

ResponsableRole classifyResponsable(const Agrement& agrement, const Person& person) {
    if (samePerson(agrement.titular_responsable, person)) return ResponsableRole::Titulaire;
    if (samePerson(agrement.substitute_responsable, person)) return ResponsableRole::Suppleant;
    return ResponsableRole::HorsAgrement;
}

Outcome checkResponsableRole(const Agrement& agrement, const Responsable& responsable,
                             const std::string& session_id) {
    const ResponsableRole actual =
        classifyResponsable(agrement, {responsable.last_name, responsable.first_name});
    if (actual == responsable.role) return Outcome::allowed();
    return Outcome::refused("R-ETB-2", session_id,
                            "Le responsable de la session " + session_id + ", " + responsable.last_name +
                                " " + responsable.first_name + ", est déclaré « " +
                                std::string(responsableRoleLabel(responsable.role)) +
                                " » mais l'agrément " + agrement.id + " en fait : « " +
                                std::string(responsableRoleLabel(actual)) + " ».");
}

std::string_view responsableRoleLabel(ResponsableRole role) {
    switch (role) {
        case ResponsableRole::Titulaire: return "Responsable de session titulaire";
        case ResponsableRole::Suppleant: return "Responsable de session suppléant";
        case ResponsableRole::HorsAgrement: return "Personne ne figurant pas sur l'agrément";
    }
    return {};
}

}  // namespace ceres::domain

#include "domain/codes.h"

#include <array>
#include <utility>

namespace ceres::domain {
namespace {

template <typename E, std::size_t N>
using Table = std::array<std::pair<E, std::string_view>, N>;

constexpr Table<Profile, 6> kProfiles{{{Profile::Ud, "UD"}, {Profile::Direccte, "DIRECCTE"},
                                       {Profile::Acc, "ACC"}, {Profile::Centre, "CENTRE"},
                                       {Profile::Service, "SERVICE"}, {Profile::Dispatch, "DISPATCH"}}};
constexpr Table<CentreType, 3> kCentreTypes{
    {{CentreType::Autre, "AUTRE"}, {CentreType::Cfa, "CFA"}, {CentreType::Crp, "CRP"}}};
constexpr Table<SessionType, 3> kSessionTypes{
    {{SessionType::Titre, "TITRE"}, {SessionType::Ccp, "CCP"}, {SessionType::Ccs, "CCS"}}};
constexpr Table<SessionStatus, 8> kSessionStatuses{{
    {SessionStatus::EnPreparation, "EN_PREPARATION"},
    {SessionStatus::DteDemandee, "DTE_DEMANDEE"},
    {SessionStatus::ConvocationsEnvoyees, "CONVOCATIONS_ENVOYEES"},
    {SessionStatus::EnCours, "EN_COURS"},
    {SessionStatus::Terminee, "TERMINEE"},
    {SessionStatus::Validee, "VALIDEE"},
    {SessionStatus::Suspendue, "SUSPENDUE"},
    {SessionStatus::Annulee, "ANNULEE"},
}};
constexpr Table<ResponsableRole, 3> kRoles{{{ResponsableRole::Titulaire, "TITULAIRE"},
                                            {ResponsableRole::Suppleant, "SUPPLEANT"},
                                            {ResponsableRole::HorsAgrement, "HORS_AGREMENT"}}};
constexpr Table<HabilitationState, 5> kHabilitationStates{{
    {HabilitationState::Brouillon, "BROUILLON"},
    {HabilitationState::Active, "ACTIVE"},
    {HabilitationState::Suspendue, "SUSPENDUE"},
    {HabilitationState::Expiree, "EXPIREE"},
    {HabilitationState::Supprimee, "SUPPRIMEE"},
}};
constexpr Table<UnitResult, 3> kUnitResults{{{UnitResult::Acquis, "ACQUIS"},
                                             {UnitResult::NonAcquis, "NON_ACQUIS"},
                                             {UnitResult::Absent, "ABSENT"}}};
constexpr Table<Decision, 3> kDecisions{
    {{Decision::Admis, "ADMIS"}, {Decision::Ajourne, "AJOURNE"}, {Decision::Absent, "ABSENT"}}};

template <typename E, std::size_t N>
std::string_view codeIn(const Table<E, N>& table, E value) {
    for (const auto& [item, text] : table) {
        if (item == value) return text;
    }
    return {};
}

template <typename E, std::size_t N>
std::optional<E> parseIn(const Table<E, N>& table, std::string_view text) {
    for (const auto& [item, spelling] : table) {
        if (spelling == text) return item;
    }
    return std::nullopt;
}

}  // namespace

std::string_view code(Profile value) { return codeIn(kProfiles, value); }
std::string_view code(CentreType value) { return codeIn(kCentreTypes, value); }
std::string_view code(SessionType value) { return codeIn(kSessionTypes, value); }
std::string_view code(SessionStatus value) { return codeIn(kSessionStatuses, value); }
std::string_view code(ResponsableRole value) { return codeIn(kRoles, value); }
std::string_view code(HabilitationState value) { return codeIn(kHabilitationStates, value); }
std::string_view code(UnitResult value) { return codeIn(kUnitResults, value); }
std::string_view code(Decision value) { return codeIn(kDecisions, value); }

std::optional<Profile> parseProfile(std::string_view t) { return parseIn(kProfiles, t); }
std::optional<CentreType> parseCentreType(std::string_view t) { return parseIn(kCentreTypes, t); }
std::optional<SessionType> parseSessionType(std::string_view t) { return parseIn(kSessionTypes, t); }
std::optional<SessionStatus> parseSessionStatus(std::string_view t) {
    return parseIn(kSessionStatuses, t);
}
std::optional<ResponsableRole> parseResponsableRole(std::string_view t) { return parseIn(kRoles, t); }
std::optional<HabilitationState> parseHabilitationState(std::string_view t) {
    return parseIn(kHabilitationStates, t);
}
std::optional<UnitResult> parseUnitResult(std::string_view t) { return parseIn(kUnitResults, t); }
std::optional<Decision> parseDecision(std::string_view t) { return parseIn(kDecisions, t); }

}  // namespace ceres::domain

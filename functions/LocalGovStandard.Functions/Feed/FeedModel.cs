using System.Reflection;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace LocalGovStandard.Feed;

/// <summary>The feed's EDM model: ten read-only entity sets.</summary>
public static class FeedModel
{
    public const string Namespace = "LocalGovStandard";

    public const int MaxTop = 10_000;

    public static readonly IReadOnlyList<string> EntitySets = ["Councils", "SignUps", "Assessments", "PointResults", "Actions", "MonthlySnapshots", "Headlines", "SupportNeeds", "PeerAssessments", "AssessorLoad"];

    public static IEdmModel Build()
    {
        var builder = new ODataConventionModelBuilder(new NoDerivedTypes()) { Namespace = Namespace, ContainerName = "Feed" };
        Queryable(builder.EntitySet<FeedCouncil>("Councils").EntityType, "Council");
        Queryable(builder.EntitySet<FeedSignUp>("SignUps").EntityType, "SignUp");
        Queryable(builder.EntitySet<FeedAssessment>("Assessments").EntityType, "Assessment");
        Queryable(builder.EntitySet<FeedPointResult>("PointResults").EntityType, "PointResult");
        Queryable(builder.EntitySet<FeedAction>("Actions").EntityType, "Action");
        Queryable(builder.EntitySet<FeedMonthlySnapshot>("MonthlySnapshots").EntityType, "MonthlySnapshot");
        Queryable(builder.EntitySet<FeedHeadline>("Headlines").EntityType, "Headline");
        Queryable(builder.EntitySet<FeedSupportNeed>("SupportNeeds").EntityType, "SupportNeed");
        Queryable(builder.EntitySet<FeedPeerAssessment>("PeerAssessments").EntityType, "PeerAssessment");
        Queryable(builder.EntitySet<FeedAssessorLoad>("AssessorLoad").EntityType, "AssessorLoad");
        foreach (var type in builder.StructuralTypes)
        {
            type.Namespace = Namespace;
        }

        return builder.GetEdmModel();
    }

    /// <summary>What Power BI sends: $filter, $select, $orderby, $count and $top/$skip on every property.</summary>
    private static void Queryable<T>(EntityTypeConfiguration<T> type, string name)
        where T : class
    {
        type.Name = name;
        type.Filter().Select().OrderBy().Count().Page(MaxTop, null);
    }

    /// <summary>
    /// By default the convention builder looks for derived types in every loaded assembly, which took a quarter of a
    /// second of the handler's start-up. Every entity above is sealed and has only primitive properties, so there are none.
    /// </summary>
    private sealed class NoDerivedTypes : IAssemblyResolver
    {
        public IEnumerable<Assembly> Assemblies => [];
    }
}

using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace LocalGovStandard.Feed;

/// <summary>The feed's EDM model: six read-only entity sets.</summary>
public static class FeedModel
{
    public const string Namespace = "LocalGovStandard";

    public static readonly IReadOnlyList<string> EntitySets = ["Councils", "SignUps", "Assessments", "PointResults", "Actions", "MonthlySnapshots"];

    public static IEdmModel Build()
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "Feed" };
        builder.EntitySet<FeedCouncil>("Councils").EntityType.Name = "Council";
        builder.EntitySet<FeedSignUp>("SignUps").EntityType.Name = "SignUp";
        builder.EntitySet<FeedAssessment>("Assessments").EntityType.Name = "Assessment";
        builder.EntitySet<FeedPointResult>("PointResults").EntityType.Name = "PointResult";
        builder.EntitySet<FeedAction>("Actions").EntityType.Name = "Action";
        builder.EntitySet<FeedMonthlySnapshot>("MonthlySnapshots").EntityType.Name = "MonthlySnapshot";
        foreach (var type in builder.StructuralTypes)
        {
            type.Namespace = Namespace;
        }

        return builder.GetEdmModel();
    }
}
